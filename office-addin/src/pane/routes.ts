// The pane's pages. The router keeps them in memory (Office.js nulls the History API), but the page's address may
// name one in its hash once, at start: the manifest's SupportUrl opens `taskpane.html#/help`.

export const PANE_SECTIONS = [
  { key: 'create', label: 'Create' },
  { key: 'recent', label: 'Recent images' },
  { key: 'help', label: 'Help' },
] as const;
export type PaneSection = (typeof PANE_SECTIONS)[number]['key'];

/** `#/help` → `/help`; `#/recent/<id>` → that; anything else → `/create`. */
export function initialRoute(hash: string): string {
  const path = hash.replace(/^#/, '').split('?')[0]!.replace(/\/+$/, '');
  const first = path.split('/')[1] ?? '';
  return PANE_SECTIONS.some((s) => s.key === first) ? path : '/create';
}

export function sectionOf(path: string): PaneSection {
  const first = path.split('/')[1] ?? '';
  return PANE_SECTIONS.find((s) => s.key === first)?.key ?? 'create';
}
