// Typed access to departments. Partition: the tenant id (a tenant's departments are read together).
import type { DocumentStore, Versioned } from '../ports/store.ts';
import type { DepartmentRecord } from './record.ts';

export class DepartmentRepository {
  private readonly store: DocumentStore;
  constructor(store: DocumentStore) {
    this.store = store;
  }

  get(tenantId: string, id: string): Promise<Versioned<DepartmentRecord> | null> {
    return this.store.get<DepartmentRecord>('departments', tenantId, id);
  }

  /** Create-if-absent: null when the id is taken. */
  create(id: string, rec: DepartmentRecord): Promise<Versioned<DepartmentRecord> | null> {
    return this.store.create('departments', rec.tenantId, id, rec);
  }

  /** Compare-and-set: null when someone else changed it since `version`. */
  replace(id: string, rec: DepartmentRecord, version: string): Promise<Versioned<DepartmentRecord> | null> {
    return this.store.replace('departments', rec.tenantId, id, rec, version);
  }

  /** Deletes only the given version (used to undo a create whose audit record could not be written). */
  delete(tenantId: string, id: string, version: string): Promise<boolean> {
    return this.store.delete('departments', tenantId, id, version);
  }

  list(tenantId: string, cursor: string | null, limit: number) {
    return this.store.query<DepartmentRecord>('departments', {
      pk: tenantId,
      orderBy: { field: 'id', direction: 'asc' },
      cursor,
      limit,
    });
  }
}
