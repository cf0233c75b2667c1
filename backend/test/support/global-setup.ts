import type { TestProject } from 'vitest/node';
import { startAzurite, startCosmos } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmos: { endpoint: string; key: string };
    azuriteConnectionString: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [cosmos, azurite] = await Promise.all([startCosmos(), startAzurite()]);
  project.provide('cosmos', { endpoint: cosmos.endpoint, key: cosmos.key });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return async () => {
    await Promise.all([cosmos.stop(), azurite.stop()]);
  };
}
