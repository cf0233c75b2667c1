// Work that outlives a Teams turn: after the first card is sent the HTTP request returns (Teams retries slow
// turns), and the card is updated when the image is ready. Tracked so shutdown can stop waiting and finish.
import type { Logger } from 'pino';

export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly log: Logger;
  constructor(log: Logger) {
    this.log = log;
  }

  /** Aborted on stop: long waits end early and leave the card for the refresh to bring up to date. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  run(name: string, work: (signal: AbortSignal) => Promise<void>): void {
    if (this.abort.signal.aborted) {
      this.log.warn({ task: name }, 'bot is stopping; background task not started');
      return;
    }
    const p = work(this.abort.signal)
      .catch((err: unknown) => this.log.error({ err, task: name }, 'bot background task failed'))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves when nothing is running (tests use it to wait for card updates). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }
}
