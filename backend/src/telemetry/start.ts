// Turns on Azure Monitor (Application Insights) through OpenTelemetry when APPLICATIONINSIGHTS_CONNECTION_STRING
// is set (issue #13): traces of every request (request-trace.ts) and the product metrics (metrics.ts). Loaded
// only then, so the embedded mode never pays for it. Call it before the host starts serving, and `shutdown`
// after the host has stopped: it flushes what is still buffered. Live Metrics stay off (they stream to a
// Microsoft endpoint outside the data's region); the SDK's own usage reporting ("statsbeat") is switched off
// by the environment (APPLICATION_INSIGHTS_NO_STATSBEAT, set by infra/modules/appservice.bicep), and the cloud
// role name comes from OTEL_SERVICE_NAME, set there too: both are read by the SDK itself.
import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import type { TelemetryConfig } from '../config/azure.ts';
import { resetInstruments } from './metrics.ts';

export interface Telemetry {
  /** Flushes and stops exporting. */
  shutdown(): Promise<void>;
}

export async function startTelemetry(
  config: TelemetryConfig,
  log: Logger,
  credential?: TokenCredential,
): Promise<Telemetry> {
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString: config.connectionString,
      // With local authentication off on Application Insights, the managed identity signs the uploads.
      ...(credential ? { credential } : {}),
    },
    // Rate-limited sampling when tracesPerSecond > 0 (the SDK's default of 5), else the ratio. Metrics are
    // never sampled.
    tracesPerSecond: config.tracesPerSecond,
    samplingRatio: config.samplingRatio,
    enableLiveMetrics: false,
  });
  resetInstruments();
  log.info(
    { tracesPerSecond: config.tracesPerSecond, samplingRatio: config.samplingRatio },
    'Azure Monitor telemetry on',
  );
  return {
    // What could not be delivered is lost, which must not turn a clean stop into a failed one.
    shutdown: () =>
      shutdownAzureMonitor().catch((err: unknown) => log.warn({ err }, 'telemetry flush at shutdown failed')),
  };
}
