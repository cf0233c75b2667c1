export interface HealthView {
  status: 'ok' | 'degraded';
  version: string;
  mode: 'development' | 'production' | 'test';
  adapters: { store: 'sqlite' | 'cosmos'; blobs: 'fs' | 'azure'; identity: string[] };
  providers: string[];
  checks: Record<string, 'ok' | 'failed'>;
}
