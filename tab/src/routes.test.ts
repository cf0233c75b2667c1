// Which pages and gallery scopes each role is offered (the server decides; these only hide what cannot work), and
// the route for the fixed paths Teams loads.
import { describe, expect, it } from 'vitest';
import { canEditDepartments, canSeeAdmin, galleryScopes, initialRoute } from './routes.ts';

describe('routes', () => {
  it('offers the gallery scopes the API allows each role', () => {
    expect(galleryScopes('standard_user')).toEqual(['mine']);
    expect(galleryScopes('power_user')).toEqual(['mine', 'department']);
    expect(galleryScopes('dept_manager')).toEqual(['mine', 'department']);
    expect(galleryScopes('org_admin')).toEqual(['mine', 'department', 'all']);
    expect(galleryScopes('super_admin')).toEqual(['mine', 'department', 'all']);
  });
  it('shows admin to managers and above, editing to org admins and above', () => {
    expect([canSeeAdmin('standard_user'), canSeeAdmin('power_user'), canSeeAdmin('dept_manager')]).toEqual([
      false,
      false,
      true,
    ]);
    expect([
      canEditDepartments('dept_manager'),
      canEditDepartments('org_admin'),
      canEditDepartments('super_admin'),
    ]).toEqual([false, true, true]);
  });
  it('maps the paths Teams loads to routes', () => {
    expect(initialRoute('/tab/')).toBe('/gallery');
    expect(initialRoute('/tab/gallery')).toBe('/gallery');
    expect(initialRoute('/tab/config')).toBe('/config');
    expect(initialRoute('/tab/admin/audit')).toBe('/admin/audit');
    expect(initialRoute('/tab/index.html')).toBe('/gallery');
    expect(initialRoute('/somewhere/else')).toBe('/gallery');
  });
});
