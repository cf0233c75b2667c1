import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { storeContract } from './store-contract.ts';

// Runs against @vercel/cosmosdb-server, started by the global test setup.
storeContract('cosmos', async () => {
  const { endpoint, key } = inject('cosmos');
  return CosmosStore.open({ endpoint, key, database: `contract-${randomUUID()}`, allowSelfSigned: true });
});
