// Building blocks every API answer shares: timestamps, ids, people and pages. The OpenAPI document is
// generated from these schemas (backend/src/openapi/), so a change here changes what the API promises.
import { z } from 'zod';

/** Every time the API sends is UTC text from `Date.toISOString()`. */
export const Timestamp = z.iso.datetime().meta({
  id: 'Timestamp',
  description: 'A UTC date-time (ISO 8601)',
  examples: ['2026-11-22T01:56:31.566Z'],
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lowercase GUID: generation, approval and Entra object ids. */
export const Guid = (what: string) => z.string().regex(GUID, what);

/** An Entra object id: users are identified by tenant + object id, never by email. */
export const ObjectId = Guid('an object id (GUID)');

export const PersonRef = z
  .object({ objectId: z.string(), displayName: z.string() })
  .meta({ id: 'PersonRef', description: 'A person by Entra object id, with the name shown to people' });
export type PersonRef = z.infer<typeof PersonRef>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of a list: pass `nextCursor` back as `cursor` for the next one; null on the last page. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ items: z.array(item), nextCursor: z.string().nullable() })
    .meta({ id, description: 'One page, newest first; `nextCursor` is null on the last page' });
}

export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .meta({ description: 'The `nextCursor` of the previous page' });

/** Paging of the admin lists (departments, users). */
export const PagingQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
