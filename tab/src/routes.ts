// The tab's pages and who sees them. The server decides every permission; these rules only hide what a role
// cannot use, and a direct URL to a hidden page says "not allowed" instead of failing later.
import type { Role } from '@donatello/contracts';
import { roleRank } from '@donatello/contracts';

export type GalleryScope = 'mine' | 'department' | 'all';

/** Gallery scopes a role may ask for (GET /api/v1/generations). */
export function galleryScopes(role: Role): GalleryScope[] {
  const r = roleRank(role);
  if (r >= roleRank('org_admin')) return ['mine', 'department', 'all'];
  if (r >= roleRank('power_user')) return ['mine', 'department'];
  return ['mine'];
}

/** Department managers and above see the admin pages (managers: their department, read-only budgets). */
export function canSeeAdmin(role: Role): boolean {
  return roleRank(role) >= roleRank('dept_manager');
}

/** Org admins and super admins change budgets and policy. */
export function canEditDepartments(role: Role): boolean {
  return roleRank(role) >= roleRank('org_admin');
}

export const ADMIN_PAGES = [
  { key: 'budgets', label: 'Budgets' },
  { key: 'approvals', label: 'Approvals' },
  { key: 'usage', label: 'Usage' },
  { key: 'audit', label: 'Audit' },
  { key: 'people', label: 'People' },
] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number]['key'];

/** The hash route for the path Teams (or a bookmark) loaded: /tab/gallery → /gallery; /tab/ → /gallery. */
export function initialRoute(pathname: string): string {
  const tail = pathname.replace(/^.*?\/tab\/?/, '').replace(/\/+$/, '');
  const known = ['gallery', 'create', 'config', 'admin'];
  return known.includes(tail.split('/')[0] ?? '') ? `/${tail}` : '/gallery';
}
