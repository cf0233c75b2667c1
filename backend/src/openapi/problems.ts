// The problem+json responses of each route: one schema (contracts' ProblemDetails) narrowed per status to the
// codes that status can carry there, with what each code means. A status a route answers that is not listed
// here for it fails the conformance tests, so this is where a new failure gets described.
import { z } from 'zod';
import { ProblemDetails, type ProblemCode } from '@donatello/contracts';
import type { RouteSpec } from './route-spec.ts';

/** When each code is sent (docs/api.md has the narrative). */
export const PROBLEM_MEANINGS: Record<ProblemCode, string> = {
  'validation-failed':
    'a field, query parameter, path parameter or cursor is not valid (`errors` names each)',
  'invalid-json': 'the body is not JSON',
  'payload-too-large': 'the body is over the size limit',
  'unsupported-media-type': 'a body that is not `application/json`',
  unauthorized: 'no token, a bad token, or a token in the query string (`WWW-Authenticate: Bearer`)',
  forbidden: 'signed in but not allowed; the denial is audited',
  'not-found': 'no such resource, or one the caller cannot see',
  'method-not-allowed': 'the method is not supported here',
  conflict: 'a concurrent change that did not settle; try again',
  'idempotency-key-reused': 'the same `Idempotency-Key` with a different body',
  'no-department': 'the caller is in no department, so there is no budget to charge',
  'already-exists': 'the id is taken',
  'budget-exceeded':
    "the department's hard limit would be passed, or a soft-limit overage has nobody who could approve it",
  'prompt-blocked':
    "personal information, a blocklisted term, moderation, or the provider's own policy (`findings` has types and offsets)",
  'rate-limited': 'too many requests this minute; `Retry-After` says when to retry',
  'already-decided': 'already decided; `decidedBy` and `decidedAt` say by whom and when',
  'approval-expired': 'the approval expired before this decision',
  'no-provider-available':
    'no configured model fits, or every candidate failed; `Retry-After` when breakers reopen',
  'service-unavailable': 'the moderation service could not be asked (it fails closed); nothing was charged',
  internal: 'a fault on our side; no details leave the server, quote the request id',
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  402: 'Over budget',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** Every failure status of a route: its own plus those its kind shares. */
export function problemStatuses(spec: RouteSpec): Map<number, ProblemCode[]> {
  const all = new Map<number, Set<ProblemCode>>();
  const add = (status: number, codes: ProblemCode[]) => {
    const set = all.get(status) ?? new Set<ProblemCode>();
    for (const c of codes) set.add(c);
    all.set(status, set);
  };
  if (spec.body) {
    add(400, ['validation-failed', 'invalid-json']);
    add(413, ['payload-too-large']);
    add(415, ['unsupported-media-type']);
  }
  const params = spec.params?.path ?? spec.params?.query ?? spec.params?.header;
  if (params && !spec.paramsFailAsNotFound) add(400, ['validation-failed']);
  // A malformed percent-encoding in a path parameter cannot be decoded, so even a signed link answers 400 for it.
  if (spec.params?.path) add(400, ['validation-failed']);
  if (!spec.public) add(401, ['unauthorized']);
  for (const [status, codes] of Object.entries(spec.problems ?? {})) add(Number(status), codes ?? []);
  add(500, ['internal']);
  return new Map([...all.entries()].sort(([a], [b]) => a - b).map(([s, codes]) => [s, [...codes]]));
}

export function problemDescription(status: number, codes: ProblemCode[]): string {
  const lines = codes.map((c) => `- \`${c}\`: ${PROBLEM_MEANINGS[c]}`);
  return `${TITLES[status] ?? 'Failure'} (application/problem+json):\n\n${lines.join('\n')}`;
}

/** The Problem schema (rendered `allOf`) with `status` and `code` narrowed to this response. */
export function problemSchema(status: number, codes: ProblemCode[]) {
  return ProblemDetails.and(z.looseObject({ status: z.literal(status), code: z.enum(codes) }));
}
