import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { storeContract } from './store-contract.ts';

// Runs against @vercel/cosmosdb-server, started by the global test setup.
const database = `contract-${randomUUID()}`;
storeContract(
  'cosmos',
  async () => {
    const { endpoint, key } = inject('cosmos');
    return CosmosStore.open({ endpoint, key, database, allowSelfSigned: true });
  },
  {
    writerEnv: () => {
      const { endpoint, key } = inject('cosmos');
      return { STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: key, COSMOS_DATABASE: database };
    },
  },
);
