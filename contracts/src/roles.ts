import { z } from 'zod';
import { ROLES } from './values.ts';

/** Roles from lowest to highest (DESIGN §6): `ROLES` and `roleRank` live in values.ts, for the web pages. */
export { ROLES, roleRank } from './values.ts';
export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'From lowest to highest privilege' });
export type Role = z.infer<typeof Role>;
