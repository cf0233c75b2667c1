// Gets the Cosmos DB database and one container per store collection (partition key /pk). With a key the adapter
// may create what is missing; with Entra ID it may not (data-plane RBAC has no right to create databases or
// containers), so it only checks and names what is missing: infra/modules/cosmos.bicep must declare them all.
import type { Container, CosmosClient, Database } from '@azure/cosmos';
import { COLLECTIONS, type Collection } from '../../ports/store.ts';

type Opened = { database: Database; containers: Map<Collection, Container> };

function statusOf(err: unknown): number | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'number'
    ? err.code
    : undefined;
}

export async function provisionContainers(client: CosmosClient, id: string): Promise<Opened> {
  const { database } = await client.databases.createIfNotExists({ id });
  const containers = new Map<Collection, Container>();
  for (const coll of COLLECTIONS) {
    const { container } = await database.containers.createIfNotExists({
      id: coll,
      partitionKey: { paths: ['/pk'] },
    });
    containers.set(coll, container);
  }
  return { database, containers };
}

export async function existingContainers(client: CosmosClient, id: string): Promise<Opened> {
  const database = client.database(id);
  const containers = new Map<Collection, Container>();
  const found = await Promise.all(
    COLLECTIONS.map(async (coll) => {
      const container = database.container(coll);
      try {
        await container.read();
        return [coll, container] as const;
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
        return null;
      }
    }),
  );
  const missing = COLLECTIONS.filter((_, i) => found[i] === null);
  if (missing.length > 0) {
    throw new Error(
      `Cosmos DB database "${id}" lacks the containers ${missing.join(', ')}: with Entra ID the app cannot create ` +
        'them; deploy infra/azure.bicep (infra/modules/cosmos.bicep declares every one)',
    );
  }
  for (const f of found) if (f) containers.set(f[0], f[1]);
  return { database, containers };
}
