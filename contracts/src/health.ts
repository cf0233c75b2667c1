export interface HealthView {
  status: 'ok' | 'degraded';
  version: string;
  mode: 'development' | 'production' | 'test';
  adapters: { store: 'sqlite' | 'cosmos'; blobs: 'fs' | 'azure'; identity: string[] };
  providers: string[];
  checks: Record<string, 'ok' | 'failed'>;
}

/** `/api/v1/health/live` and `/api/v1/health/ready`: 200 with `ok`, or 503 with `unavailable` (ready only). */
export interface ProbeView {
  status: 'ok' | 'unavailable';
  checks?: Record<string, 'ok' | 'failed'>;
}
