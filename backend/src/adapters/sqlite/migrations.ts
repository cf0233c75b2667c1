import type { DatabaseSync } from 'node:sqlite';

/**
 * Versioned schema migrations, applied in order at start inside one IMMEDIATE transaction each, so two
 * processes starting together never apply one twice. Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'documents',
    sql: `
      CREATE TABLE docs (
        coll    TEXT NOT NULL,
        pk      TEXT NOT NULL,
        id      TEXT NOT NULL,
        version TEXT NOT NULL,
        body    TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (coll, pk, id)
      ) WITHOUT ROWID;
      CREATE INDEX docs_by_id ON docs (coll, id);
    `,
  },
  {
    // A person's generations, newest first (gallery, /history, the message extension's "Find image"): without
    // it each list reads every generation in the tenant. The expressions are the ones sql.ts writes for the
    // fields `owner.oid` and `createdKey`, so the planner can use the index for those queries.
    version: 2,
    name: 'generations by owner',
    sql: `
      CREATE INDEX docs_by_owner_created ON docs (
        coll, pk, json_extract(body, '$.owner.oid'), json_extract(body, '$.createdKey')
      );
    `,
  },
  {
    // Documents by status, across partitions: the job sweeper looks every few seconds for queued generations
    // nobody started and running ones whose lease expired. Without it each look read every generation ever made.
    version: 3,
    name: 'documents by status',
    sql: `
      CREATE INDEX docs_by_status ON docs (coll, json_extract(body, '$.status'), id);
    `,
  },
  {
    // Every gallery read asks for undeleted generations only: with `deletedAt` in the owner index SQLite stops
    // parsing each candidate's body to test it (a third of a gallery page's query). And the quote's reuse
    // lookup (generations/dedupe.ts) had no index at all: each quote read and parsed every generation in the
    // tenant, 4.5 ms with 2,000 of them. Its equality columns (key, status, deletedAt) outnumber the owner
    // index's, so SQLite prefers it when the lookup also names the owner. Expressions as sql.ts writes them.
    version: 4,
    name: 'undeleted generations by owner; reuse lookup',
    sql: `
      DROP INDEX docs_by_owner_created;
      CREATE INDEX docs_by_owner_live ON docs (
        coll, pk, json_extract(body, '$.owner.oid'), json_extract(body, '$.deletedAt'),
        json_extract(body, '$.createdKey')
      );
      CREATE INDEX docs_by_reuse_key ON docs (
        coll, pk, json_extract(body, '$.dedupeKey'), json_extract(body, '$.status'),
        json_extract(body, '$.deletedAt'), json_extract(body, '$.createdKey')
      );
    `,
  },
  {
    // The indexes of migrations 3 and 4 held every document: each audit record, reservation and rate-limit
    // window paid for three expression indexes it is never looked up by (its body parsed for them, a NULL
    // entry written in each), about a sixth of the writer's CPU under load. Partial indexes hold only the
    // collection each serves; queries name their collection as a literal (sql.ts `collectionIs`), which is
    // what lets SQLite use a partial index. The collection stays the first column although every entry has the
    // same one: without it the planner rates `docs_by_id (coll=?)` as good as the partial index and picks it.
    version: 5,
    name: 'partial indexes per collection',
    sql: `
      DROP INDEX docs_by_owner_live;
      DROP INDEX docs_by_reuse_key;
      DROP INDEX docs_by_status;
      CREATE INDEX generations_by_owner_live ON docs (
        coll, pk, json_extract(body, '$.owner.oid'), json_extract(body, '$.deletedAt'),
        json_extract(body, '$.createdKey')
      ) WHERE coll = 'generations';
      CREATE INDEX generations_by_reuse_key ON docs (
        coll, pk, json_extract(body, '$.dedupeKey'), json_extract(body, '$.status'),
        json_extract(body, '$.deletedAt'), json_extract(body, '$.createdKey')
      ) WHERE coll = 'generations';
      CREATE INDEX generations_by_status ON docs (coll, json_extract(body, '$.status'), id)
        WHERE coll = 'generations';
      CREATE INDEX approvals_by_status ON docs (coll, json_extract(body, '$.status'), id)
        WHERE coll = 'approvals';
    `,
  },
  {
    // The documents move from a WITHOUT ROWID table to an ordinary one. A WITHOUT ROWID table keeps each whole
    // row in its key b-tree, and a generation record (about 1.5 KB) does not fit in a 4 KB page's cell, so every
    // key comparison on the way down copied overflowing rows in from their overflow pages; and SQLite re-seeks
    // that b-tree for every row an index on it returns, even when the index covers the query. A gallery page of
    // 21 records cost about 170 µs of CPU, a point read about 7.5 µs; with rowids (a small unique index on the
    // key, then an integer seek) 55 µs and 2.8 µs, and writes are no dearer. Same columns and key constraint,
    // so every statement reads as before; the indexes are those of migration 5, rebuilt.
    // They are written out again rather than shared with migration 5: a shipped migration's SQL must never change.
    version: 6,
    name: 'documents in a rowid table',
    sql: `
      CREATE TABLE docs_rowid (
        coll    TEXT NOT NULL,
        pk      TEXT NOT NULL,
        id      TEXT NOT NULL,
        version TEXT NOT NULL,
        body    TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (coll, pk, id)
      );
      INSERT INTO docs_rowid (coll, pk, id, version, body) SELECT coll, pk, id, version, body FROM docs;
      DROP TABLE docs;
      ALTER TABLE docs_rowid RENAME TO docs;
      CREATE INDEX docs_by_id ON docs (coll, id);
      CREATE INDEX generations_by_owner_live ON docs (
        coll, pk, json_extract(body, '$.owner.oid'), json_extract(body, '$.deletedAt'),
        json_extract(body, '$.createdKey')
      ) WHERE coll = 'generations';
      CREATE INDEX generations_by_reuse_key ON docs (
        coll, pk, json_extract(body, '$.dedupeKey'), json_extract(body, '$.status'),
        json_extract(body, '$.deletedAt'), json_extract(body, '$.createdKey')
      ) WHERE coll = 'generations';
      CREATE INDEX generations_by_status ON docs (coll, json_extract(body, '$.status'), id)
        WHERE coll = 'generations';
      CREATE INDEX approvals_by_status ON docs (coll, json_extract(body, '$.status'), id)
        WHERE coll = 'approvals';
    `,
  },
];

export function migrate(db: DatabaseSync): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (!done) {
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date().toISOString(),
        );
        applied.push(m.version);
      }
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  return applied;
}
