// Typed access to users and their Teams conversation references. Partition: the tenant id. Id: the Entra
// object id (oid). Email and UPN are display data only.
import type { DocData, DocumentStore, Page, Versioned } from '../ports/store.ts';
import type { UserRecord } from './record.ts';

export interface ConversationReferenceRecord extends DocData {
  tenantId: string;
  objectId: string;
  /** The Bot Framework conversation reference, as the bot stored it. */
  reference: Record<string, unknown>;
  updatedAt: string;
}

export class UserRepository {
  private readonly store: DocumentStore;
  constructor(store: DocumentStore) {
    this.store = store;
  }

  get(tenantId: string, objectId: string): Promise<Versioned<UserRecord> | null> {
    return this.store.get<UserRecord>('users', tenantId, objectId);
  }

  create(rec: UserRecord): Promise<Versioned<UserRecord> | null> {
    return this.store.create('users', rec.tenantId, rec.objectId, rec);
  }

  replace(rec: UserRecord, version: string): Promise<Versioned<UserRecord> | null> {
    return this.store.replace('users', rec.tenantId, rec.objectId, rec, version);
  }

  /** Deletes only the given version (used to undo a sign-in whose audit record could not be written). */
  delete(tenantId: string, objectId: string, version: string): Promise<boolean> {
    return this.store.delete('users', tenantId, objectId, version);
  }

  list(tenantId: string, opts: { departmentId?: string; cursor: string | null; limit: number }) {
    return this.store.query<UserRecord>('users', {
      pk: tenantId,
      where: opts.departmentId ? [{ field: 'departmentId', op: '=', value: opts.departmentId }] : [],
      orderBy: { field: 'id', direction: 'asc' },
      cursor: opts.cursor,
      limit: opts.limit,
    });
  }

  /** Members of a department with one of the given roles (approvers, alert recipients). */
  async withRole(
    tenantId: string,
    roles: UserRecord['role'][],
    departmentId?: string,
  ): Promise<UserRecord[]> {
    const out: UserRecord[] = [];
    for (const role of roles) {
      let cursor: string | null = null;
      do {
        const page: Page<UserRecord> = await this.store.query<UserRecord>('users', {
          pk: tenantId,
          where: [
            { field: 'role', op: '=', value: role },
            ...(departmentId ? [{ field: 'departmentId', op: '=' as const, value: departmentId }] : []),
          ],
          cursor,
          limit: 200,
        });
        out.push(...page.items.map((d) => d.data));
        cursor = page.nextCursor;
      } while (cursor);
    }
    return out;
  }

  saveConversationReference(tenantId: string, objectId: string, reference: Record<string, unknown>) {
    const rec: ConversationReferenceRecord = {
      tenantId,
      objectId,
      reference,
      updatedAt: new Date().toISOString(),
    };
    return this.store.upsert('conversations', tenantId, objectId, rec);
  }

  async getConversationReference(
    tenantId: string,
    objectId: string,
  ): Promise<Record<string, unknown> | null> {
    const doc = await this.store.get<ConversationReferenceRecord>('conversations', tenantId, objectId);
    return doc?.data.reference ?? null;
  }
}
