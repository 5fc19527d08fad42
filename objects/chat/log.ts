// The chat's authoritative event log in the object's own SQLite storage
// (https://developers.cloudflare.com/durable-objects/api/sqlite-storage-api/). `sql.exec` is
// synchronous, and writes made with no `await` between them are committed together, so several
// messages handled in one turn share a disk commit.
import type { Audience, ChatEvent, EventDraft, Role } from '../protocol.ts';
import { rolesFor } from '../protocol.ts';
import type { ChatState } from './logic.ts';
import type { Counters } from './projection.ts';

export interface StoredEvent {
  seq: number;
  /** The event as JSON, exactly as it is sent inside an `event` frame. */
  json: string;
}

export class EventLog {
  readonly #sql: SqlStorage;
  #lastSeq: number;
  /** What the lists count, kept up to date as events are appended. */
  readonly counters: Counters;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      audience TEXT NOT NULL,
      sender TEXT,
      client_id TEXT,
      body TEXT NOT NULL)`);
    // A client's id is unique per sender, so a visitor can never fetch a staff event by guessing
    // the id a coach used.
    sql.exec('CREATE UNIQUE INDEX IF NOT EXISTS events_sender_client ON events (sender, client_id)');
    sql.exec('CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)');
    this.#lastSeq = sql.exec<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').one().s ?? 0;
    const row = sql
      .exec<{ n: number; last: number | null }>(
        `SELECT COUNT(*) AS n,
                MAX(CASE WHEN sender LIKE 'agent:%' THEN json_extract(body, '$.at') END) AS last
           FROM events WHERE kind = 'message'`,
      )
      .one();
    this.counters = { messageCount: row.n, lastAgentMessageAt: row.last };
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  loadState(): ChatState {
    const row = this.#sql.exec<{ body: string }>('SELECT body FROM state WHERE id = 1').toArray()[0];
    if (!row) return { status: 'new' };
    const state = JSON.parse(row.body) as ChatState;
    // Chats stored before later features existed are read with those features' empty values.
    if (state.status === 'new' || state.status === 'deleted') return state;
    const info = { ...state.info, fields: state.info.fields ?? {}, language: state.info.language ?? null };
    const upgraded = { ...state, info, followUpAt: state.followUpAt ?? null };
    if (upgraded.status === 'active') return { ...upgraded, joined: upgraded.joined ?? [] };
    if (upgraded.status === 'ended') return { ...upgraded, rated: upgraded.rated ?? false };
    return upgraded;
  }

  saveState(state: ChatState): void {
    this.#sql.exec('INSERT OR REPLACE INTO state (id, body) VALUES (1, ?)', JSON.stringify(state));
  }

  /** The stored event this sender already sent with this client id, if any. */
  findBySender(sender: string, clientId: string): StoredEvent | undefined {
    const row = this.#sql
      .exec<{ seq: number; body: string }>('SELECT seq, body FROM events WHERE sender = ? AND client_id = ?', sender, clientId)
      .toArray()[0];
    return row && { seq: row.seq, json: row.body };
  }

  /**
   * Appends the event; undefined if this sender already used its client id (nothing is stored:
   * the caller answers with `findBySender`). One statement per message: the unique index both
   * de-duplicates and refuses, with no look-up first.
   */
  append(draft: EventDraft, sender: string | null): { event: ChatEvent; json: string } | undefined {
    const seq = this.#lastSeq + 1;
    const event = { ...draft, seq } as ChatEvent;
    const json = JSON.stringify(event);
    const clientId = 'clientId' in event ? event.clientId : null;
    const inserted = this.#sql
      .exec(
        `INSERT INTO events (seq, kind, audience, sender, client_id, body) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (sender, client_id) DO NOTHING RETURNING seq`,
        seq,
        event.kind,
        event.audience,
        clientId === null ? null : sender,
        clientId,
        json,
      )
      .toArray();
    if (inserted.length === 0) return undefined;
    this.#lastSeq = seq;
    if (event.kind === 'message') {
      this.counters.messageCount += 1;
      if (event.from.role === 'agent') this.counters.lastAgentMessageAt = event.at;
    }
    return { event, json };
  }

  /** Every event after `after` that `role` may see, in order. */
  since(after: number, role: Role): StoredEvent[] {
    const audiences = (['all', 'staff'] as const).filter((a: Audience) => rolesFor(a).includes(role));
    const marks = audiences.map(() => '?').join(', ');
    return this.#sql
      .exec<{ seq: number; body: string }>(
        `SELECT seq, body FROM events WHERE seq > ? AND audience IN (${marks}) ORDER BY seq`,
        after,
        ...audiences,
      )
      .toArray()
      .map((r) => ({ seq: r.seq, json: r.body }));
  }
}
