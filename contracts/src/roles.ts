import { z } from 'zod';

/** Roles from lowest to highest (DESIGN §6). The order is the privilege order. */
export const ROLES = ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin'] as const;
export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'From lowest to highest privilege' });
export type Role = z.infer<typeof Role>;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}
