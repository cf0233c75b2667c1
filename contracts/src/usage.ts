// Spend analytics as served by GET /api/v1/departments/:id/usage (issue #4).
export const USAGE_GROUPS = ['provider', 'user', 'day'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageRowView {
  /** `provider/model`, the user's object id, or the local date (YYYY-MM-DD) in the department's time zone. */
  key: string;
  label: string;
  generations: number;
  images: number;
  costAud: string;
}

export interface UsageView {
  departmentId: string;
  from: string;
  to: string;
  groupBy: UsageGroup;
  /** Largest cost first; by date for `day`. */
  rows: UsageRowView[];
  totalAud: string;
  generations: number;
}
