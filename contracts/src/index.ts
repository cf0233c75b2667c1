// The contracts: types, zod schemas and plain values shared by the backend, the bot and the web pages. The package
// has no side effects and the web pages use only values.ts and links.ts at run time, so their bundles leave zod
// out: a plain value the pages need goes in values.ts, not beside a schema.
export * from './values.ts';
export * from './common.ts';
export * from './roles.ts';
export * from './money.ts';
export * from './departments.ts';
export * from './users.ts';
export * from './problems.ts';
export * from './health.ts';
export * from './generations.ts';
export * from './approvals.ts';
export * from './notifications.ts';
export * from './audit.ts';
export * from './images.ts';
export * from './usage.ts';
export * from './web.ts';
export * from './links.ts';
