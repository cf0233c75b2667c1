// The product's metrics (issue #13), recorded through the OpenTelemetry API: generations by outcome, spend in
// AUD, approvals by decision, provider latency and provider failures. Without telemetry configured the API is a
// no-op and these calls cost next to nothing. Generation, spend and approval figures are read off the audit
// events as they are appended, because every one of those changes is audited: the metrics can never count
// something the audit trail does not hold. Keep attribute values few (no ids), or Azure Monitor bills per series.
import { metrics, type Counter, type Histogram } from '@opentelemetry/api';
import type { AuditEventView } from '@donatello/contracts';

interface Instruments {
  generations: Counter;
  spend: Counter;
  approvals: Counter;
  providerDuration: Histogram;
  providerFailures: Counter;
  auditSealed: Counter;
}

let instruments: Instruments | null = null;

/** Created on first use: the meter must come from the provider telemetry/start.ts registers, if any. */
function inst(): Instruments {
  if (instruments) return instruments;
  const meter = metrics.getMeter('donatello-backend');
  instruments = {
    generations: meter.createCounter('donatello.generations', {
      description: 'Generation requests by outcome (requested, succeeded, failed, blocked, denied)',
    }),
    spend: meter.createCounter('donatello.spend', {
      description: 'Money committed to department budgets for finished generations',
      unit: 'AUD',
    }),
    approvals: meter.createCounter('donatello.approvals', {
      description: 'Overage approvals by decision (requested, approved, rejected, expired)',
    }),
    providerDuration: meter.createHistogram('donatello.provider.duration', {
      description: 'Time an image provider took to answer, per attempt',
      unit: 'ms',
    }),
    providerFailures: meter.createCounter('donatello.provider.failures', {
      description:
        'Provider attempts that failed, by kind (timeout, rate_limited, server, content_policy, ...)',
    }),
    auditSealed: meter.createCounter('donatello.audit.sealed_records', {
      description: 'Audit records sealed into the WORM export',
    }),
  };
  return instruments;
}

/** Forget the instruments, so the next use picks up a meter provider registered since. */
export function resetInstruments(): void {
  instruments = null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : 'unknown');

/** Called for every appended audit event; counts the ones that are generations, spend or approvals. */
export function recordAuditEvent(e: AuditEventView): void {
  const [kind, what] = e.action.split('.', 2);
  if (
    kind === 'generation' &&
    what &&
    ['requested', 'succeeded', 'failed', 'blocked', 'denied'].includes(what)
  ) {
    const d = e.details ?? {};
    inst().generations.add(1, {
      outcome: what,
      ...(what === 'succeeded' ? { provider: str(d.provider), model: str(d.model) } : {}),
    });
    const micros = d.costMicros;
    if (what === 'succeeded' && typeof micros === 'number' && micros > 0) {
      inst().spend.add(micros / 1_000_000, { provider: str(d.provider) });
    }
  } else if (kind === 'approval' && what) {
    inst().approvals.add(1, { decision: what });
  }
}

/** One provider attempt: its latency, and a failure unless it succeeded or was skipped by its breaker. */
export function recordProviderAttempt(a: {
  provider: string;
  model: string;
  outcome: string;
  ms: number;
}): void {
  if (a.outcome === 'skipped') return;
  inst().providerDuration.record(a.ms, { provider: a.provider, model: a.model, outcome: a.outcome });
  if (a.outcome !== 'succeeded') inst().providerFailures.add(1, { provider: a.provider, kind: a.outcome });
}

export function recordAuditSealed(records: number): void {
  if (records > 0) inst().auditSealed.add(records);
}
