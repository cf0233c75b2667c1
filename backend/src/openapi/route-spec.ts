// What one API route promises, declared once: the document builder (document.ts) turns these into OpenAPI
// operations, and the route-walk test holds the Express router to the same list. Keep a spec next to its
// siblings in routes/<capability>.ts; a route the server has and no spec describes fails the tests.
import type { z } from 'zod';
import type { ProblemCode } from '@donatello/contracts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Tags group the reference page; one per capability. */
export const TAGS = {
  Health: 'Liveness and the adapters in use; no sign-in.',
  'Me and users': 'The signed-in user, and the user directory that admins and managers manage.',
  Departments: 'Departments with their budget settings and policy.',
  Generations: 'Quotes, generations and their images.',
  Approvals: 'Soft-limit overages waiting for a manager.',
  Usage: 'What departments spent, for chargeback.',
  Audit: 'The tamper-evident audit trail: query, verify, export.',
  Reference: 'This description of the API.',
} as const;
export type Tag = keyof typeof TAGS;

export interface Answer {
  description: string;
  /** The JSON body; none for 204 and 304, nor for files (give `mediaTypes`). */
  schema?: z.ZodType;
  /** Media types of the body; `application/json` when a schema is given and this is not. */
  mediaTypes?: string[];
  /** Response headers: a zod object whose keys are header names (optional keys are optional headers). */
  headers?: z.ZodObject;
  /** An example body, from the seeded development tenant. */
  example?: unknown;
}

export interface RouteSpec {
  method: HttpMethod;
  /** OpenAPI form (`{id}`), including `/api/v1`. */
  path: `/api/v1/${string}`;
  operationId: string;
  tag: Tag;
  summary: string;
  /** Who may call it, as people would say it ("the department's managers, admins"). */
  who: string;
  /** What it does beyond the summary, in Markdown. */
  description?: string;
  /** No bearer token: the route answers anyone. */
  public?: true;
  /** Bad parameters answer 404 like any other failure (signed links say nothing), not 400. */
  paramsFailAsNotFound?: true;
  params?: { path?: z.ZodObject; query?: z.ZodObject; header?: z.ZodObject };
  body?: { schema: z.ZodType; example?: unknown };
  /** Each status the route answers that is not a problem: its successes, 304, a degraded health report. */
  responses: Partial<Record<number, Answer>>;
  /**
   * Each failure status the route itself answers, with its problem codes. Statuses every route of a kind shares
   * (401 when signed in, 400/413/415 with a body, 400 with parameters, 500) are added by the builder.
   */
  problems?: Partial<Record<number, ProblemCode[]>>;
}

export const route = (spec: RouteSpec): RouteSpec => spec;
