import { z } from 'zod';
import { Timestamp } from './common.ts';
import { AudAmount, AudValue } from './money.ts';

export const BUDGET_MODES = ['hard', 'soft', 'warn'] as const;
export const BudgetMode = z.enum(BUDGET_MODES);
export type BudgetMode = z.infer<typeof BudgetMode>;

export const PROVIDER_IDS = ['azure-openai', 'openai', 'replicate', 'firefly', 'local'] as const;
export const ProviderId = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderId>;

export const DepartmentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a slug of 2-40 lowercase letters, digits and hyphens');

/** IANA names only: `Area/Location` (or `UTC`), spelled as the database spells them. */
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

const TimeZone = z.string().refine((tz) => {
  // Intl also takes offsets (+10:00), abbreviations (EST) and any letter case; none of those is an IANA name.
  if (!IANA_NAME.test(tz)) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-AU', { timeZone: tz }).resolvedOptions().timeZone;
    // A link (Australia/Canberra) resolves to another name; the same name in other letter case does not count.
    return resolved === tz || resolved.toLowerCase() !== tz.toLowerCase();
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

export const DepartmentView = z
  .object({
    id: z.string().meta({ description: 'A slug, fixed at creation' }),
    name: z.string(),
    budget: z.object({
      limitAud: AudValue,
      mode: BudgetMode.meta({
        description: '`hard` refuses over the limit, `soft` asks a manager, `warn` allows and alerts',
      }),
      thresholds: z
        .array(z.number().int())
        .meta({ description: 'Percentages of the limit that alert managers' }),
      resetDay: z.number().int().meta({ description: 'The day of the month the budget period starts' }),
      timeZone: z.string().meta({ description: 'The IANA time zone periods are counted in' }),
    }),
    policy: DepartmentPolicy,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Department' });
export type DepartmentView = z.infer<typeof DepartmentView>;
