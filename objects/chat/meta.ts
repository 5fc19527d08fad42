// The chat's small records in its object's own SQLite: its state, the tally of its counters, the
// projector's memory and a few named numbers, one row each in one table. Until 2026-12-08 they
// were four tables (`state`, `tally`, `counters`, `projection`) read and written by a dozen
// statements. workerd keeps, for every object in memory, each table's schema and pages and each
// distinct statement it has run, prepared (about 2 KiB each): one table and three statements
// keep an open chat smaller (docs/scale.md, "2026-12-08, night"). A chat stored before is moved to
// this table the first time it wakes (`upgradeFromTables`).
import type { IdleLevel } from '../protocol.ts';
import type { ChatState } from './logic.ts';
import type { Remembered } from './projector.ts';

/** What each key of the table holds (as JSON). */
export interface ChatRecords {
  /** The chat's state (absent while it is new); a deletion under way also names what to purge. */
  state: ChatState & { purge?: { chatId: string; groupId: string } };
  /** The counters as of `seq` (objects/chat/log.ts). */
  tally: { seq: number; messageCount: number; lastAgentMessageAt: number | null };
  /** What the projector last stored and published (objects/chat/projector.ts). */
  projection: Remembered;
  /** The last seq sent to the search index (objects/chat/indexer.ts). */
  search_sent_seq: number;
  /** 1 while D1's copy of the chat's record is behind it. */
  record_dirty: number;
  /** How many transcript emails the chat has sent. */
  transcript_emails: number;
}

export type ChatRecordKey = keyof ChatRecords;

/** The tables a chat kept its records in before `meta`. */
const OLD_TABLES = ['state', 'tally', 'counters', 'projection'] as const;

/** Runs a function in one storage transaction (DurableObjectStorage.transactionSync). */
export type TransactionSync = <T>(fn: () => T) => T;

export class ChatMeta {
  readonly #sql: SqlStorage;
  readonly #transaction: TransactionSync;

  /** `transaction`: the object's `ctx.storage.transactionSync`, which makes the upgrade all or nothing. */
  constructor(sql: SqlStorage, transaction: TransactionSync) {
    this.#sql = sql;
    this.#transaction = transaction;
    // A WITHOUT ROWID table is one B-tree keyed by `key` (a rowid table with a text key is two).
    sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  }

  read<K extends ChatRecordKey>(key: K): ChatRecords[K] | undefined {
    const row = this.#sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0];
    return row === undefined ? undefined : (JSON.parse(row.value) as ChatRecords[K]);
  }

  write<K extends ChatRecordKey>(key: K, value: ChatRecords[K]): void {
    this.#writeJson(key, JSON.stringify(value));
  }

  #writeJson(key: ChatRecordKey, json: string): void {
    this.#sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, json);
  }

  /**
   * Moves the records of a chat stored before this table into it, and drops the old tables (and
   * an index of the log's from before its client ids were checked in memory). Called for a chat
   * that has events but no state here. One transaction: a move cut short leaves the old tables as
   * they were and nothing here, and is made again at the next wake. The state goes last, being
   * what says the move is done. There is no going back to code from before this table once a
   * chat has woken here: that code would find the old tables gone.
   */
  upgradeFromTables(): void {
    this.#transaction(() => {
      const sql = this.#sql;
      const marks = OLD_TABLES.map(() => '?').join(', ');
      const present = new Set(sql.exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks})`, ...OLD_TABLES).toArray().map((r) => r.name));
      if (present.has('tally')) {
        const row = sql.exec<{ seq: number; message_count: number; last_agent_message_at: number | null }>('SELECT seq, message_count, last_agent_message_at FROM tally WHERE id = 1').toArray()[0];
        if (row) this.write('tally', { seq: row.seq, messageCount: row.message_count, lastAgentMessageAt: row.last_agent_message_at });
      }
      if (present.has('projection')) {
        // Columns added over time: an older table has not all of them (a missing one reads as the
        // row did before it existed: counters never stored, and shown).
        const row = sql.exec<{ stored_at: number; level: IdleLevel | null; counters_at?: number; watched?: number }>('SELECT * FROM projection WHERE id = 1').toArray()[0];
        if (row) this.write('projection', { storedAt: row.stored_at, countersAt: row.counters_at ?? 0, level: row.level, watched: (row.watched ?? 1) === 1 });
      }
      if (present.has('counters')) {
        const counters = new Map(sql.exec<{ name: string; n: number }>('SELECT name, n FROM counters').toArray().map((r) => [r.name, r.n]));
        for (const name of ['search_sent_seq', 'transcript_emails', 'record_dirty'] as const) {
          const n = counters.get(name);
          if (n !== undefined) this.write(name, n);
        }
        // `comments_dirty` was the record's flag when the record was only its comments.
        const older = counters.get('comments_dirty');
        if (!counters.has('record_dirty') && older !== undefined) this.write('record_dirty', older > 0 ? 1 : 0);
      }
      if (present.has('state')) {
        const row = sql.exec<{ body: string }>('SELECT body FROM state WHERE id = 1').toArray()[0];
        if (row) this.#writeJson('state', row.body);
      }
      for (const table of present) sql.exec(`DROP TABLE ${table}`);
      sql.exec('DROP INDEX IF EXISTS events_sender_client');
    });
  }
}
