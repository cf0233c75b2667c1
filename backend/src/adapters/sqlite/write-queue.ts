// Group commit for the SQLite store, main-thread side: writes queue here and go to the writer thread
// (writer.ts) together, one batch at a time. While a batch is being committed the next one fills up, so
// under load one fsync covers every write that arrived meanwhile, and when idle a write goes at once. What a
// reader must not break: a caller's promise settles only with the writer's answer, which comes after COMMIT.
import { Worker } from 'node:worker_threads';
import {
  SqliteWriteError,
  type FromWriter,
  type StoreFailure,
  type ToWriter,
  type WriteOp,
  type WriteResult,
} from './write-ops.ts';

interface Pending {
  op: WriteOp;
  resolve: (r: WriteResult) => void;
  reject: (err: Error) => void;
}

export interface WriteStats {
  batches: number;
  writes: number;
  /** The most writes one batch carried. */
  largestBatch: number;
}

const WRITER = new URL('./writer.ts', import.meta.url);
/** One transaction holds the file's write lock: keep it short enough that another process waits little. */
const MAX_BATCH = 512;

export class WriteQueue {
  private readonly worker: Worker;
  private queue: Pending[] = [];
  private inFlight: { id: number; ops: Pending[] } | null = null;
  private nextBatch = 1;
  private scheduled = false;
  private broken: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly settingsWaiters = new Map<
    number,
    (s: { synchronous: number; journalMode: string }) => void
  >();
  readonly stats: WriteStats = { batches: 0, writes: 0, largestBatch: 0 };

  constructor(path: string) {
    // Named, so that /proc and profiles (npm run profile:generation) tell it from the image thread.
    this.worker = new Worker(WRITER, { workerData: { path }, name: 'sqlite-writer' });
    this.worker.unref();
    this.worker.on('message', (msg: FromWriter) => this.answer(msg));
    this.worker.on('error', (err: Error) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('the SQLite writer thread stopped')));
  }

  write(op: WriteOp): Promise<WriteResult> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** The writer connection's durability settings (PRAGMA synchronous: 2 is FULL). */
  settings(): Promise<{ synchronous: number; journalMode: string }> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextBatch++;
    return new Promise((resolve) => {
      this.settingsWaiters.set(id, resolve);
      this.worker.ref();
      this.post({ settings: id });
    });
  }

  /** Waits for every queued write, then stops the writer thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while ((this.queue.length > 0 || this.inFlight) && !this.broken) {
        await new Promise<void>((r) => setImmediate(r));
      }
      if (this.broken) return;
      const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
      this.worker.ref();
      this.post({ close: true });
      await exited;
    })();
    return this.closing;
  }

  get isOpen(): boolean {
    return !this.broken && !this.closing;
  }

  /** Collects what this turn of the event loop writes before sending it (when the writer is free). */
  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0 || this.broken) return;
    const ops = this.queue.length > MAX_BATCH ? this.queue.splice(0, MAX_BATCH) : this.queue;
    if (ops === this.queue) this.queue = [];
    const id = this.nextBatch++;
    this.inFlight = { id, ops };
    this.stats.batches++;
    this.stats.writes += ops.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, ops.length);
    // Referenced while a batch is out, so a process waiting only on a write does not exit under it.
    this.worker.ref();
    this.post({ batch: id, ops: ops.map((p) => p.op) });
  }

  private post(msg: ToWriter): void {
    this.worker.postMessage(msg);
  }

  private answer(msg: FromWriter): void {
    if ('ready' in msg) return;
    if ('settings' in msg) {
      this.settingsWaiters.get(msg.settings)?.({
        synchronous: msg.synchronous,
        journalMode: msg.journalMode,
      });
      this.settingsWaiters.delete(msg.settings);
      this.idle();
      return;
    }
    const batch = this.inFlight;
    if (!batch || batch.id !== msg.batch) return;
    this.inFlight = null;
    if ('failed' in msg) {
      const err = new SqliteWriteError(msg.failed);
      for (const p of batch.ops) p.reject(err);
    } else {
      batch.ops.forEach((p, i) => {
        const r = msg.results[i]!;
        if ('error' in r) p.reject(new SqliteWriteError(r.error));
        else p.resolve(r);
      });
    }
    this.idle();
    if (this.queue.length > 0) this.send();
  }

  private idle(): void {
    if (!this.inFlight && this.settingsWaiters.size === 0) this.worker.unref();
  }

  /** The writer is gone: every write not yet answered fails, and so does every later one. */
  private fail(err: Error): void {
    if (this.broken) return;
    const gone: StoreFailure = { message: err.message };
    this.broken = this.closing ? new Error('the store is closed') : new SqliteWriteError(gone);
    const waiting = [...(this.inFlight?.ops ?? []), ...this.queue];
    this.inFlight = null;
    this.queue = [];
    for (const p of waiting) p.reject(this.broken);
  }
}
