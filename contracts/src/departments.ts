import { z } from 'zod';
import { AudAmount } from './money.ts';

import { BUDGET_MODES, PROVIDER_IDS } from './values.ts';

export { BUDGET_MODES, PROVIDER_IDS } from './values.ts';
export const BudgetMode = z.enum(BUDGET_MODES);
export type BudgetMode = z.infer<typeof BudgetMode>;

export const ProviderId = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderId>;

export const DepartmentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a slug of 2-40 lowercase letters, digits and hyphens');

const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-AU', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Australia/Sydney');

const Thresholds = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .max(10)
  .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), 'thresholds in strictly increasing order');

export const BudgetSettings = z.strictObject({
  limitAud: AudAmount,
  mode: BudgetMode,
  thresholds: Thresholds.default([80, 90, 100]),
  resetDay: z.number().int().min(1).max(28).default(1),
  timeZone: TimeZone.default('Australia/Sydney'),
});
export type BudgetSettings = z.infer<typeof BudgetSettings>;

export const DepartmentPolicy = z.strictObject({
  /** `au-only` keeps prompts and images with providers that process data in Australia. */
  residency: z.enum(['any', 'au-only']).default('any'),
  /** Providers this department may use; empty means every configured provider. */
  allowedProviders: z.array(ProviderId).max(PROVIDER_IDS.length).default([]),
  /** What a prompt containing personal information gets: refused, or allowed with a warning. */
  piiAction: z.enum(['block', 'warn']).default('block'),
});
export type DepartmentPolicy = z.infer<typeof DepartmentPolicy>;

export const CreateDepartmentRequest = z.strictObject({
  id: DepartmentId,
  name: z.string().trim().min(1).max(100),
  budget: BudgetSettings,
  policy: DepartmentPolicy.default({ residency: 'any', allowedProviders: [], piiAction: 'block' }),
});
export type CreateDepartmentRequest = z.infer<typeof CreateDepartmentRequest>;

export const UpdateDepartmentRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    budget: z
      .strictObject({
        limitAud: AudAmount.optional(),
        mode: BudgetMode.optional(),
        thresholds: Thresholds.optional(),
        resetDay: z.number().int().min(1).max(28).optional(),
        timeZone: TimeZone.optional(),
      })
      .optional(),
    policy: z
      .strictObject({
        residency: z.enum(['any', 'au-only']).optional(),
        allowedProviders: z.array(ProviderId).max(PROVIDER_IDS.length).optional(),
        piiAction: z.enum(['block', 'warn']).optional(),
      })
      .optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'at least one field to change');
export type UpdateDepartmentRequest = z.infer<typeof UpdateDepartmentRequest>;

export interface DepartmentView {
  id: string;
  name: string;
  budget: {
    limitAud: string;
    mode: BudgetMode;
    thresholds: number[];
    resetDay: number;
    timeZone: string;
  };
  policy: DepartmentPolicy;
  createdAt: string;
  updatedAt: string;
}
