export * from './roles.ts';
export * from './money.ts';
export * from './departments.ts';
export * from './users.ts';
export * from './problems.ts';
export * from './health.ts';
export * from './generations.ts';
