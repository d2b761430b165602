import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The agent's SQLite database: raw samples, aggregator state, closed periods and the outbox. */
export type AgentDatabase = Database.Database;

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE samples (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    period_start INTEGER,
    line TEXT NOT NULL
  );
  CREATE INDEX samples_by_period ON samples (device_id, period_start, id);
  CREATE TABLE device_state (
    device_id TEXT PRIMARY KEY,
    state TEXT NOT NULL
  );
  CREATE TABLE periods (
    device_id TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    record TEXT NOT NULL,
    samples_digest TEXT NOT NULL,
    closed_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, period_start)
  );
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    record TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PARKED')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (device_id, period_start)
  );
  CREATE TABLE committed (
    device_id TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    tx_id TEXT NOT NULL,
    committed_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, period_start)
  );
  `,
];

/**
 * Opens (creating if needed) the database file and brings its schema up to date. Writes are
 * synchronous to disk (WAL, `synchronous = FULL`): what the agent has acknowledged survives a crash
 * or a power cut.
 */
export function openAgentDatabase(file: string): AgentDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(version).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    })();
  });
  return db;
}
