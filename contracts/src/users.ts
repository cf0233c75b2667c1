import { z } from 'zod';
import { Role } from './roles.ts';
import { DepartmentId } from './departments.ts';
import { PagingQuery, Timestamp } from './common.ts';
import { AudValue } from './money.ts';

export const UserView = z
  .object({
    id: z.string().meta({ description: 'The Entra object id' }),
    tenantId: z.string(),
    objectId: z.string().meta({ description: 'Users are identified by tenant + object id, never by email' }),
    displayName: z.string(),
    username: z.string().nullable().meta({ description: 'Shown to people; never used to identify anyone' }),
    role: Role,
    departmentId: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = PagingQuery.extend({ departmentId: DepartmentId.optional() });

export const UpdateUserRequest = z
  .strictObject({
    role: Role.optional(),
    departmentId: DepartmentId.nullable().optional(),
  })
  .refine((u) => u.role !== undefined || u.departmentId !== undefined, 'role or departmentId');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const BudgetSummaryView = z
  .object({
    limitAud: AudValue,
    mode: z.enum(['hard', 'soft', 'warn']),
    period: z.object({ start: Timestamp, end: Timestamp, timeZone: z.string() }),
    spentAud: AudValue.meta({ description: 'Includes approved overages' }),
    reservedAud: AudValue.meta({ description: 'Held by requests still running' }),
    remainingAud: AudValue.meta({ description: 'Limit less spent and reserved; never below zero' }),
    overageAud: AudValue.meta({ description: 'Approved soft-limit overages, included in spent' }),
    utilisation: z.number().min(0).meta({
      description: 'Spent as a fraction of the limit (above 1 in warn mode or after approved overages)',
    }),
    thresholds: z.array(z.number().int()),
    forecast: z
      .object({
        dailyBurnAud: AudValue,
        exhaustsOn: z.iso
          .date()
          .nullable()
          .meta({ description: 'The UTC date the limit is reached at this pace; null when not this period' }),
      })
      .meta({ description: 'At the pace so far this period' }),
  })
  .meta({ id: 'BudgetSummary', description: "The caller's department budget for the current period" });
export type BudgetSummaryView = z.infer<typeof BudgetSummaryView>;

export const MeView = z
  .object({
    user: UserView,
    roles: z.array(Role),
    department: z.object({ id: z.string(), name: z.string() }).nullable(),
    budget: BudgetSummaryView.nullable().meta({ description: 'Null while the user has no department' }),
  })
  .meta({ id: 'Me' });
export type MeView = z.infer<typeof MeView>;
