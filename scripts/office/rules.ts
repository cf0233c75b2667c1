// Rules Office applies to an add-in manifest that its schemas cannot express: every address is absolute https
// (the schemas type them as any URI), every `resid` names a resource that exists and is at most 32 characters,
// and each host is one Office knows. Each problem names the line, the element and what to change.
// Do not break: these run on the filled manifest, after the schema check, on every `npm run package:office`.

export interface Tag {
  name: string;
  attributes: Record<string, string>;
  line: number;
  /** Text up to the next tag, for elements like <AppDomain>. */
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The start tags of a manifest with their attributes and line numbers (comments and declarations skipped). */
export function tagsOf(xml: string): Tag[] {
  const tags: Tag[] = [];
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of withoutComments.matchAll(
    /<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*\/?>([^<]*)/g,
  )) {
    const attributes: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attributes[a[1]!] = decode(a[2]!);
    const line = withoutComments.slice(0, m.index).split('\n').length;
    tags.push({ name: m[1]!, attributes, line, text: decode(m[3]!.trim()) });
  }
  return tags;
}

/** Elements whose DefaultValue is an address Office loads. */
const URL_ELEMENTS = new Set([
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'SourceLocation',
  'bt:Image',
  'bt:Url',
]);
/** The Name values of <Host> in an add-in manifest ([MS-OWEMXML] 2.3.x, "Host"). */
const HOSTS = new Set(['Document', 'Database', 'Mailbox', 'Notebook', 'Presentation', 'Project', 'Workbook']);
const RESID_MAX = 32;

function httpsProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:') return 'must use https (Office loads add-in content only over https)';
  return null;
}

export function manifestRuleProblems(xml: string): string[] {
  const tags = tagsOf(xml);
  const problems: string[] = [];
  const ids = new Set(
    tags.filter((t) => t.name.startsWith('bt:') && t.attributes.id).map((t) => t.attributes.id!),
  );
  for (const t of tags) {
    const value = t.attributes.DefaultValue;
    if (URL_ELEMENTS.has(t.name) && value !== undefined) {
      const why = httpsProblem(value);
      if (why) problems.push(`line ${t.line}: <${t.name}> ${JSON.stringify(value)} ${why}`);
    }
    if (t.name === 'AppDomain') {
      const why = httpsProblem(t.text);
      if (why) problems.push(`line ${t.line}: <AppDomain> ${JSON.stringify(t.text)} ${why}`);
    }
    const resid = t.attributes.resid;
    if (resid !== undefined) {
      if (resid.length > RESID_MAX)
        problems.push(`line ${t.line}: resid "${resid}" is longer than ${RESID_MAX} characters`);
      if (!ids.has(resid)) problems.push(`line ${t.line}: resid "${resid}" names no resource in <Resources>`);
    }
    if (t.name === 'Host' && t.attributes.Name !== undefined && !HOSTS.has(t.attributes.Name))
      problems.push(`line ${t.line}: <Host Name="${t.attributes.Name}"> is not an Office host`);
  }
  return problems;
}
