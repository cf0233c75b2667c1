// A separate process that writes to a store as fast as it can and reports each write the store acknowledged,
// one line per write (`ack <n>`), so a test can SIGKILL it at any moment and check that every acknowledged
// write survived. Opens the store named by its environment: STORE=sqlite with SQLITE_PATH, or STORE=cosmos with
// COSMOS_ENDPOINT, COSMOS_KEY and COSMOS_DATABASE. Writes go to collection `meta`, partition WRITER_PK.
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../../src/adapters/cosmos/cosmos-store.ts';
import type { DocumentStore } from '../../src/ports/store.ts';

const env = process.env;
const store: DocumentStore =
  env.STORE === 'cosmos'
    ? await CosmosStore.open({
        endpoint: env.COSMOS_ENDPOINT!,
        key: env.COSMOS_KEY!,
        database: env.COSMOS_DATABASE!,
        allowSelfSigned: true,
      })
    : new SqliteStore(env.SQLITE_PATH!);
const pk = env.WRITER_PK!;
let next = 0;
process.stdout.write('ready\n');
// Many writers at once, so that the store groups them (SQLite) or has them in flight together (Cosmos DB).
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (;;) {
      const n = next++;
      await store.create('meta', pk, `w-${n}`, { n, pad: 'x'.repeat(200) });
      process.stdout.write(`ack ${n}\n`);
    }
  }),
);
