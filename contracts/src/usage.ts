// Spend analytics for a department (DESIGN §9): what succeeded generations were charged, grouped.
import { z } from 'zod';
import { Timestamp } from './common.ts';
import { AudValue } from './money.ts';

export const USAGE_GROUPS = ['provider', 'user', 'day'] as const;

export const UsageQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Inclusive, by `finishedAt`; default the start of the current budget period' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Exclusive; default the end of the current budget period' }),
  groupBy: z.enum(USAGE_GROUPS).default('provider'),
});

export const ChargebackQuery = z.object({
  period: z.iso.date().optional().meta({
    description: "The period's start date (`YYYY-MM-DD`, on the reset day); default the current period",
  }),
});

export const UsageRowView = z.object({
  key: z.string().meta({ description: "`provider/model`, the user's object id, or the local date" }),
  label: z.string(),
  generations: z.number().int().min(0),
  images: z.number().int().min(0),
  costAud: AudValue,
});
export type UsageRowView = z.infer<typeof UsageRowView>;

export const UsageReportView = z
  .object({
    departmentId: z.string(),
    from: Timestamp,
    to: Timestamp,
    groupBy: z.enum(USAGE_GROUPS),
    rows: z.array(UsageRowView).meta({ description: 'Largest cost first (`day`: by date)' }),
    totalAud: AudValue,
    generations: z.number().int().min(0),
  })
  .meta({ id: 'UsageReport' });
export type UsageReportView = z.infer<typeof UsageReportView>;
