// The store port's `transact` on Cosmos DB: one transactional batch in one partition. Cosmos DB applies every
// write or none (the failed one answers 409, 412 or 404, the rest 424). What a reader must not break: the Cosmos
// test server stops at the first failed write without undoing earlier ones, so callers put the write that may
// fail first (docs/storage.md).
import { BulkOperationType, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import type { DocData, TransactResult, TransactWrite } from '../../ports/store.ts';
import { toDoc, type Resource } from './cosmos-doc.ts';

export async function transactBatch<T extends DocData>(
  container: Container,
  pk: string,
  writes: TransactWrite<T>[],
): Promise<TransactResult<T>> {
  // Plain JSON by the port's contract (DocData); the SDK's type wants JSONObject.
  const body = (id: string, data: T) => ({ ...data, id, pk }) as unknown as JSONObject;
  // Each write names the batch's partition as well (the SDK sends it along; the Cosmos test server needs it).
  const operations = writes.map((w): OperationInput => {
    if (w.op === 'create')
      return { operationType: BulkOperationType.Create, partitionKey: pk, resourceBody: body(w.id, w.data) };
    if (w.op === 'replace')
      return {
        operationType: BulkOperationType.Replace,
        partitionKey: pk,
        id: w.id,
        resourceBody: body(w.id, w.data),
        ifMatch: w.ifVersion,
      };
    return {
      operationType: BulkOperationType.Delete,
      partitionKey: pk,
      id: w.id,
      ...(w.ifVersion === undefined ? {} : { ifMatch: w.ifVersion }),
    };
  });
  const { result } = await container.items.batch(operations, pk);
  const answers = result ?? [];
  const failed = answers.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
  if (failed === -1 && answers.length === writes.length) {
    return {
      ok: true,
      docs: writes.map((w, i) => (w.op === 'delete' ? null : toDoc<T>(answers[i]!.resourceBody as Resource))),
    };
  }
  const status = answers[failed]?.statusCode;
  if (status === 409 || status === 412 || status === 404) return { ok: false, failed };
  throw new Error(
    `Cosmos DB batch failed with statuses ${answers.map((r) => r.statusCode).join(', ') || 'none'}`,
  );
}
