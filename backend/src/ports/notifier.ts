// The notifier port: how people hear about approvals and budget alerts. The Teams bot implements it; until
// then a logging notifier, and a recording one for tests.
import type { Notification } from '@donatello/contracts';

export type { Notification };

export interface Notifier {
  /** Best effort: a failure is logged by the caller and never undoes the decision it reports. */
  notify(n: Notification): Promise<void>;
}
