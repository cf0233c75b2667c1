// The messages between the SQLite store (main thread) and its writer thread (writer.ts). Each write becomes
// one WriteOp: SQL text that depends only on the shape of the call (paths and values are bound parameters,
// so the writer's prepared-statement cache stays small), plus how to read its outcome.
import type { SQLInputValue } from 'node:sqlite';

export interface Step {
  sql: string;
  params: SQLInputValue[];
}

export type WriteOp =
  /** One statement; the outcome is the number of rows it changed (create, replace, upsert, delete). */
  | ({ kind: 'changes' } & Step)
  /**
   * An UPDATE … RETURNING; when no row comes back, `exists` tells a failed condition from a missing row, and
   * `nonNumeric` (when it finds the row) says the update failed because a counter holds something else.
   */
  | ({ kind: 'update'; exists: Step; nonNumeric: Step | null } & Step)
  /** Statements that must each change exactly one row, all or none (transact). */
  | { kind: 'all'; steps: Step[] };

export interface Row {
  pk: string;
  id: string;
  version: string;
  body: string;
}

export interface StoreFailure {
  message: string;
  /** node:sqlite's error code and SQLite's extended result code, when it was SQLite that failed. */
  code?: string;
  errcode?: number;
}

export type WriteResult =
  | { changes: number }
  | { row: Row | null; exists: boolean }
  /** `failed`: the index of the first statement that changed no row (then none of them stayed). */
  | { all: true }
  | { all: false; failed: number }
  | { error: StoreFailure };

export type ToWriter = { batch: number; ops: WriteOp[] } | { settings: number } | { close: true };

export type FromWriter =
  | { ready: true }
  | { batch: number; results: WriteResult[] }
  /** The whole batch failed (it could not begin or commit): none of its writes happened. */
  | { batch: number; failed: StoreFailure }
  | { settings: number; synchronous: number; journalMode: string };

export function failure(err: unknown): StoreFailure {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; errcode?: unknown };
    return {
      message: err.message,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.errcode === 'number' ? { errcode: e.errcode } : {}),
    };
  }
  return { message: String(err) };
}

/** The error a caller sees for a failed write: as close to the original SQLite error as a thread allows. */
export class SqliteWriteError extends Error {
  override name = 'SqliteWriteError';
  readonly code: string | undefined;
  readonly errcode: number | undefined;
  constructor(f: StoreFailure) {
    super(f.message);
    this.code = f.code;
    this.errcode = f.errcode;
  }
}
