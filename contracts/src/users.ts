import { z } from 'zod';
import { Role } from './roles.ts';
import { DepartmentId } from './departments.ts';

export interface UserView {
  /** The Entra object id. Users are identified by tenant + object id, never by email. */
  id: string;
  tenantId: string;
  objectId: string;
  displayName: string;
  /** Shown to people; never used to identify anyone. */
  username: string | null;
  role: Role;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const UpdateUserRequest = z
  .strictObject({
    role: Role.optional(),
    departmentId: DepartmentId.nullable().optional(),
  })
  .refine((u) => u.role !== undefined || u.departmentId !== undefined, 'role or departmentId');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export interface MeView {
  user: UserView;
  roles: Role[];
  department: { id: string; name: string } | null;
  /** Filled in by the budget engine; null while the user has no department. */
  budget: BudgetSummaryView | null;
}

export interface BudgetSummaryView {
  limitAud: string;
  mode: 'hard' | 'soft' | 'warn';
  period: { start: string; end: string; timeZone: string };
  spentAud: string;
  reservedAud: string;
  /** Limit less spent and reserved; never below zero. */
  remainingAud: string;
  /** Approved soft-limit overages, included in spent. */
  overageAud: string;
  /** Spent as a fraction of the limit (1 = all of it; above 1 in warn mode or after approved overages). */
  utilisation: number;
  thresholds: number[];
  /** At the pace so far this period: the average daily spend and the day the limit would be reached. */
  forecast: { dailyBurnAud: string; exhaustsOn: string | null };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
