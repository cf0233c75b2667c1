// Every /api/v1 route the server answers, one spec each. The route-walk test fails when the Express router and
// this list disagree, naming the method and path; add the spec to its capability's file.
import type { RouteSpec } from '../route-spec.ts';
import { approvalRoutes } from './approvals.ts';
import { auditRoutes } from './audit.ts';
import { generationRoutes } from './generations.ts';
import { healthRoutes, referenceRoutes } from './health.ts';
import { peopleRoutes } from './people.ts';
import { usageRoutes } from './usage.ts';

export const API_ROUTES: readonly RouteSpec[] = [
  ...healthRoutes,
  ...peopleRoutes,
  ...generationRoutes,
  ...approvalRoutes,
  ...usageRoutes,
  ...auditRoutes,
  ...referenceRoutes,
];
