// Store adapter on Azure Cosmos DB for NoSQL. One container per collection, partitioned by /pk (the partition
// values per collection are documented in docs/storage.md). Atomicity: create (409 on duplicate id),
// replace with If-Match (412 on a stale version), conditional patch with a filter predicate (412 when the
// guard fails) — each a single server-side operation, so no read-modify-write race exists in the adapter.
// With a key it creates what is missing; with Entra ID (a managed identity) it cannot: data-plane RBAC has no
// right to create databases or containers, so they come from infra/modules/cosmos.bicep and are only checked.
import { Agent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import {
  CosmosClient,
  ErrorResponse,
  type Container,
  type Database,
  type PatchOperation,
  type SqlParameter,
} from '@azure/cosmos';
import {
  checkChange,
  checkTransact,
  checkData,
  checkKey,
  decodeCursor,
  encodeCursor,
  pageLimit,
  readPath,
  type Change,
  type Collection,
  type Precondition,
  type DocData,
  type DocumentStore,
  type Guard,
  type IncrementResult,
  type Page,
  type Query,
  type TransactResult,
  type TransactWrite,
  type Versioned,
} from '../../ports/store.ts';
import { transactBatch } from './cosmos-batch.ts';
import { toDoc, type Resource } from './cosmos-doc.ts';
import { cosmosCondition, cosmosField, cosmosWhere, patchPath } from './cosmos-sql.ts';
import { existingContainers, provisionContainers } from './cosmos-setup.ts';

export interface CosmosOptions {
  endpoint: string;
  /** The account key; or `credential` for Entra ID (managed identity). Exactly one. */
  key?: string;
  credential?: TokenCredential;
  database: string;
  /** Only for the local Cosmos test server; refused in production by the config module. */
  allowSelfSigned?: boolean;
}

function statusOf(err: unknown): number | undefined {
  if (err instanceof ErrorResponse) return err.code as number | undefined;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'number') return err.code;
  return undefined;
}

export class CosmosStore implements DocumentStore {
  readonly kind = 'cosmos' as const;
  private readonly client: CosmosClient;
  private readonly db: Database;
  private readonly containers: Map<Collection, Container>;
  private constructor(client: CosmosClient, db: Database, containers: Map<Collection, Container>) {
    this.client = client;
    this.db = db;
    this.containers = containers;
  }

  /**
   * Connects. With a key, creates the database and every container when missing; with a credential, checks
   * that they exist and names the missing ones (deploy infra/azure.bicep first).
   */
  static async open(opts: CosmosOptions): Promise<CosmosStore> {
    if ((opts.key === undefined) === (opts.credential === undefined)) {
      throw new Error('Cosmos DB needs either a key or a credential');
    }
    const client = new CosmosClient({
      endpoint: opts.endpoint,
      ...(opts.key !== undefined ? { key: opts.key } : { aadCredentials: opts.credential! }),
      connectionPolicy: { enableEndpointDiscovery: false },
      ...(opts.allowSelfSigned ? { agent: new Agent({ rejectUnauthorized: false }) } : {}),
    });
    try {
      const { database, containers } =
        opts.key !== undefined
          ? await provisionContainers(client, opts.database)
          : await existingContainers(client, opts.database);
      return new CosmosStore(client, database, containers);
    } catch (err) {
      client.dispose();
      throw err;
    }
  }

  private c(coll: Collection): Container {
    const c = this.containers.get(coll);
    if (!c) throw new Error(`unknown collection ${coll}`);
    return c;
  }

  async get<T extends DocData>(coll: Collection, pk: string, id: string): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    try {
      const { resource } = await this.c(coll).item(id, pk).read<Resource>();
      return resource ? toDoc<T>(resource) : null;
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async create<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
  ): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    checkData(data);
    try {
      const { resource } = await this.c(coll).items.create<Resource>({ ...data, id, pk });
      return toDoc<T>(resource!);
    } catch (err) {
      if (statusOf(err) === 409) return null;
      throw err;
    }
  }

  /** One transactional batch (cosmos-batch.ts). */
  async transact<T extends DocData>(
    coll: Collection,
    pk: string,
    writes: TransactWrite<T>[],
  ): Promise<TransactResult<T>> {
    checkTransact(pk, writes);
    return transactBatch<T>(this.c(coll), pk, writes);
  }

  async replace<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    data: T,
    ifVersion: string,
  ): Promise<Versioned<T> | null> {
    checkKey(pk, id);
    checkData(data);
    try {
      const { resource } = await this.c(coll)
        .item(id, pk)
        .replace<Resource>(
          { ...data, id, pk },
          { accessCondition: { type: 'IfMatch', condition: ifVersion } },
        );
      return resource ? toDoc<T>(resource) : null;
    } catch (err) {
      const s = statusOf(err);
      if (s === 412 || s === 404) return null;
      throw err;
    }
  }

  async upsert<T extends DocData>(coll: Collection, pk: string, id: string, data: T): Promise<Versioned<T>> {
    checkKey(pk, id);
    checkData(data);
    const { resource } = await this.c(coll).items.upsert<Resource>({ ...data, id, pk });
    return toDoc<T>(resource!);
  }

  async increment<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    deltas: Record<string, number>,
    guards: Guard[] = [],
  ): Promise<IncrementResult<T>> {
    return this.update<T>(coll, pk, id, { incr: deltas }, { guards });
  }

  async update<T extends DocData>(
    coll: Collection,
    pk: string,
    id: string,
    change: Change,
    when: Precondition = {},
  ): Promise<IncrementResult<T>> {
    checkKey(pk, id);
    checkChange(change, when);
    const operations: PatchOperation[] = [
      ...Object.entries(change.incr ?? {}).map(([f, d]): PatchOperation => ({
        op: 'incr',
        path: `/${f}`,
        value: d,
      })),
      ...Object.entries(change.set ?? {}).map(([p, v]): PatchOperation => ({
        op: 'set',
        path: patchPath(p),
        value: v,
      })),
      ...(change.remove ?? []).map((p): PatchOperation => ({ op: 'remove', path: patchPath(p) })),
    ];
    const condition = cosmosCondition(when, change.incr ?? {});
    try {
      const { resource } = await this.c(coll)
        .item(id, pk)
        .patch<Resource>(condition ? { operations, condition } : operations);
      return { ok: true, doc: toDoc<T>(resource!) };
    } catch (err) {
      const s = statusOf(err);
      if (s === 412) return { ok: false, reason: 'guard' };
      if (s === 404) return { ok: false, reason: 'missing' };
      throw err;
    }
  }

  async delete(coll: Collection, pk: string, id: string, ifVersion?: string): Promise<boolean> {
    checkKey(pk, id);
    try {
      await this.c(coll)
        .item(id, pk)
        .delete(
          ifVersion === undefined ? {} : { accessCondition: { type: 'IfMatch', condition: ifVersion } },
        );
      return true;
    } catch (err) {
      const s = statusOf(err);
      if (s === 404 || s === 412) return false;
      throw err;
    }
  }

  /**
   * The partition as an explicit condition as well as a request option: the Cosmos test server ignores the
   * option, and on Cosmos DB the condition costs nothing.
   */
  private partitionFilter(pk: string | undefined, params: SqlParameter[]): string[] {
    if (pk === undefined) return [];
    params.push({ name: '@pk', value: pk });
    return ['c.pk = @pk'];
  }

  async query<T extends DocData>(coll: Collection, q: Query): Promise<Page<T>> {
    const limit = pageLimit(q.limit);
    const params: SqlParameter[] = [];
    const conds = [...this.partitionFilter(q.pk, params), ...cosmosWhere(q.where ?? [], params)];
    const order = q.orderBy ?? { field: 'id', direction: 'asc' as const };
    const orderExpr = cosmosField(order.field);
    if (q.cursor) {
      params.push({ name: '@cursor', value: decodeCursor(q.cursor) });
      conds.push(`${orderExpr} ${order.direction === 'asc' ? '>' : '<'} @cursor`);
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const query = `SELECT TOP ${limit + 1} * FROM c ${where} ORDER BY ${orderExpr} ${order.direction.toUpperCase()}`;
    const { resources } = await this.c(coll)
      .items.query<Resource>({ query, parameters: params }, q.pk === undefined ? {} : { partitionKey: q.pk })
      .fetchAll();
    const items = resources.slice(0, limit).map((r) => toDoc<T>(r));
    const last = items.at(-1);
    const nextCursor =
      resources.length > limit && last
        ? encodeCursor(order.field === 'id' ? last.id : readPath(last.data, order.field))
        : null;
    return { items, nextCursor };
  }

  async count(coll: Collection, q: Pick<Query, 'pk' | 'where'>): Promise<number> {
    const params: SqlParameter[] = [];
    const conds = [...this.partitionFilter(q.pk, params), ...cosmosWhere(q.where ?? [], params)];
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const { resources } = await this.c(coll)
      .items.query<number>(
        { query: `SELECT VALUE COUNT(1) FROM c ${where}`, parameters: params },
        q.pk === undefined ? {} : { partitionKey: q.pk },
      )
      .fetchAll();
    return resources.reduce((a, b) => a + b, 0);
  }

  async ping(): Promise<void> {
    await this.db.read();
  }

  async close(): Promise<void> {
    this.client.dispose();
  }
}
