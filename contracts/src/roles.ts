import { z } from 'zod';
import { ROLES } from './values.ts';

export { ROLES, roleRank } from './values.ts';
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
