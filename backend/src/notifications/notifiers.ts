import type { Logger } from 'pino';
import type { Notification, Notifier } from '../ports/notifier.ts';

/** Writes each notification to the log (no prompt text: approvals are logged by id and status only). */
export class LoggingNotifier implements Notifier {
  private readonly log: Logger;
  constructor(log: Logger) {
    this.log = log;
  }

  async notify(n: Notification): Promise<void> {
    const about =
      n.kind === 'budget.threshold'
        ? { departmentId: n.departmentId, threshold: n.threshold }
        : { approvalId: n.approval.id, status: n.approval.status };
    this.log.info({ kind: n.kind, tenantId: n.tenantId, to: n.to, ...about }, 'notification');
  }
}

/** Keeps every notification in memory, so tests can see who was told what. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(n: Notification): Promise<void> {
    this.sent.push(n);
  }
}
