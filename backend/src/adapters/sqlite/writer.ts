// The SQLite store's writer thread: the only connection of this process that writes. It runs each batch of
// writes that arrived together as one IMMEDIATE transaction, each write atomic on its own, and commits
// with `synchronous = FULL`, so one fsync makes the whole batch durable (group commit) and the event loop
// never waits for the disk. Results go back only after COMMIT returns: nothing is acknowledged before it is
// durable. What a reader must not break: a failed write leaves nothing behind and is reported to its caller
// alone; its neighbours in the batch still commit.
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  failure,
  type FromWriter,
  type Row,
  type Step,
  type ToWriter,
  type WriteOp,
  type WriteResult,
} from './write-ops.ts';

const port = parentPort;
if (!port) throw new Error('writer.ts runs as a worker thread');
const db = new DatabaseSync((workerData as { path: string }).path);
db.exec('PRAGMA busy_timeout = 10000');
db.exec('PRAGMA journal_mode = WAL');
// FULL: a committed reservation or charge survives power loss, not only a process crash.
db.exec('PRAGMA synchronous = FULL');
db.exec('PRAGMA foreign_keys = ON');

/** Prepared statements by SQL text. The SQL depends only on the shape of a call, so this stays small. */
const statements = new Map<string, StatementSync>();
const MAX_STATEMENTS = 500;
function prepared(sql: string): StatementSync {
  let s = statements.get(sql);
  if (!s) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    s = db.prepare(sql);
    statements.set(sql, s);
  }
  return s;
}

const run = (s: Step) => prepared(s.sql).run(...s.params);
const savepoint = db.prepare('SAVEPOINT op');
const rollbackToSavepoint = db.prepare('ROLLBACK TO op');
const release = db.prepare('RELEASE op');

function apply(op: WriteOp): WriteResult {
  switch (op.kind) {
    case 'changes':
      return { changes: Number(run(op).changes) };
    case 'update': {
      const row = prepared(op.sql).get(...op.params) as Row | undefined;
      if (row) return { row, exists: true };
      const exists = prepared(op.exists.sql).get(...op.exists.params) !== undefined;
      if (exists && op.nonNumeric && prepared(op.nonNumeric.sql).get(...op.nonNumeric.params)) {
        throw new Error('Cannot increment a value that is not a number');
      }
      return { row: null, exists };
    }
    case 'all':
      for (const [i, s] of op.steps.entries())
        if (Number(run(s).changes) !== 1) return { all: false, failed: i };
      return { all: true };
  }
}

/**
 * One write inside the batch's transaction. A single statement needs no savepoint: SQLite undoes a failed
 * statement's own changes and keeps the transaction (statement atomicity), and a savepoint per write cost a
 * sub-journal copy of every page it touched. Only a multi-statement `all` write gets one, to undo its
 * earlier statements when a later one fails.
 */
function applyInBatch(op: WriteOp): WriteResult {
  if (op.kind !== 'all') return apply(op);
  savepoint.run();
  try {
    const r = apply(op);
    // An `all` op that could not apply every step leaves nothing behind.
    if ('all' in r && !r.all) rollbackToSavepoint.run();
    release.run();
    return r;
  } catch (err) {
    if (db.isTransaction) {
      rollbackToSavepoint.run();
      release.run();
    }
    throw err;
  }
}

function runBatch(ops: WriteOp[]): FromWriter & { batch: number } {
  db.exec('BEGIN IMMEDIATE');
  const results: WriteResult[] = [];
  try {
    for (const op of ops) {
      try {
        results.push(applyInBatch(op));
      } catch (err) {
        // Some failures (disk full, I/O) end the whole transaction; then no write of this batch happened.
        if (!db.isTransaction) throw err;
        results.push({ error: failure(err) });
      }
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { batch: 0, results };
}

port.on('message', (msg: ToWriter) => {
  if ('close' in msg) {
    db.close();
    port.close();
    return;
  }
  if ('settings' in msg) {
    const sync = db.prepare('PRAGMA synchronous').get() as { synchronous: number };
    const mode = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    port.postMessage({
      settings: msg.settings,
      synchronous: sync.synchronous,
      journalMode: mode.journal_mode,
    } satisfies FromWriter);
    return;
  }
  let reply: FromWriter;
  try {
    reply = { ...runBatch(msg.ops), batch: msg.batch };
  } catch (err) {
    reply = { batch: msg.batch, failed: failure(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies FromWriter);
