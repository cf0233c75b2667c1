// Plain values and functions of the contracts, without zod: the web pages import these at run time, and this
// module (with links.ts) is all that ends up in their bundles. The schema modules re-export them.

/** Roles from lowest to highest (DESIGN §6). The order is the privilege order. */
export const ROLES = ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin'] as const;

export function roleRank(role: (typeof ROLES)[number]): number {
  return ROLES.indexOf(role);
}

export const BUDGET_MODES = ['hard', 'soft', 'warn'] as const;

export const PROVIDER_IDS = ['azure-openai', 'openai', 'replicate', 'firefly', 'local'] as const;

/** How a usage report groups what was charged. */
export const USAGE_GROUPS = ['provider', 'user', 'day'] as const;
