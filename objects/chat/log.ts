// The chat's authoritative event log in the object's own SQLite storage
// (https://developers.cloudflare.com/durable-objects/api/sqlite-storage-api/). `sql.exec` is
// synchronous, and writes made with no `await` between them are committed together, so several
// messages handled in one turn share a disk commit.
import type { Audience, ChatEvent, EventDraft, Role } from '../protocol.ts';
import { rolesFor } from '../protocol.ts';
import type { ChatState } from './logic.ts';
import type { Counters } from './projection.ts';
import { SEARCHED_KINDS } from './indexer.ts';
import type { ChatMeta, ChatRecords } from './meta.ts';

export interface StoredEvent {
  seq: number;
  /** The event as JSON, as it is sent inside an `event` frame (its keys perhaps in another order). */
  json: string;
}

/** The events of the chat's record (comments and time logs), of which D1 keeps a copy. */
export const RECORD_EVENT_KINDS: readonly ChatEvent['kind'][] = ['comment', 'comment-edited', 'comment-deleted', 'time-logged', 'time-log-deleted'];

/**
 * How many events may follow the stored tally of the counters before it is written again, with
 * the event that reaches it (one more row in that event's commit, once per this many events).
 */
export const TALLY_EVERY = 128;

/**
 * An event's JSON as it is sent, from its row. A row's body leaves out what the row's own columns
 * hold (kind, audience, seq, and a sender's client id): a message's row is then about a third
 * shorter, so the log's pages fill, and its commits add pages to the write-ahead log, less often
 * (docs/scale.md, 2026-12-08). Rows written before keep their whole body; setting the same
 * values on them again changes nothing. The keys then come in another order, which JSON leaves
 * free.
 */
const EVENT_JSON = `CASE WHEN client_id IS NULL
    THEN json_set(body, '$.kind', kind, '$.audience', audience, '$.seq', seq)
    ELSE json_set(body, '$.kind', kind, '$.audience', audience, '$.clientId', client_id, '$.seq', seq) END`;

/**
 * The row's body (the event less what its columns hold: EVENT_JSON puts it back) and the event's
 * JSON as sent, made from the body rather than by a second JSON.stringify of the whole event (a
 * message's one stringify is about 2% of the chat's CPU).
 */
function rowOf(event: ChatEvent, clientId: string | null): { body: string; json: string } {
  // `clientId` is the event's own when its column holds it (EventLog.append), null otherwise.
  const { kind, audience, seq, ...rest } = event;
  const { clientId: _inColumn, ...others } = rest as typeof rest & { clientId?: string };
  const body = JSON.stringify(clientId === null ? rest : others);
  const id = clientId === null ? '' : `"clientId":${JSON.stringify(clientId)},`;
  const head = `{"kind":${JSON.stringify(kind)},"audience":${JSON.stringify(audience)},${id}"seq":${seq}`;
  return { body, json: body === '{}' ? `${head}}` : `${head},${body.slice(1)}` };
}

export class EventLog {
  readonly #sql: SqlStorage;
  #lastSeq: number;
  /** What the lists count, kept up to date as events are appended. */
  readonly counters: Counters;
  /**
   * Each sender's client ids and the seq each was stored as, loaded from the log the first time
   * the sender writes after the object wakes. De-duplicating here rather than with a unique index
   * keeps each message to one B-tree write per commit (the index doubled the pages written).
   */
  readonly #sent = new Map<string, Map<string, number>>();
  /** The seq the stored tally counts up to. */
  #tallySeq = 0;

  readonly #meta: ChatMeta;

  constructor(sql: SqlStorage, meta: ChatMeta) {
    this.#sql = sql;
    this.#meta = meta;
    sql.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      audience TEXT NOT NULL,
      sender TEXT,
      client_id TEXT,
      body TEXT NOT NULL)`);
    // The counters as of the stored tally, and the events since counted on top: waking reads at
    // most TALLY_EVERY events, however long the chat (a chat at a person's pace wakes for most
    // messages). The same statement reads the last seq.
    const count = (after: number) =>
      sql
        .exec<{ last: number | null; n: number; agentAt: number | null }>(
          `SELECT (SELECT MAX(seq) FROM events) AS last, COUNT(*) AS n,
                  MAX(CASE WHEN sender LIKE 'agent:%' THEN json_extract(body, '$.at') END) AS agentAt
             FROM events WHERE seq > ? AND kind = 'message'`,
          after,
        )
        .one();
    const stateless = meta.read('state') === undefined;
    let tally = meta.read('tally');
    let since = count(tally?.seq ?? 0);
    this.#lastSeq = since.last ?? 0;
    // Events but no state: a chat stored before the meta table, its records in tables of their
    // own. They are moved now, in this turn's commit, and their tally counted from.
    if (stateless && this.#lastSeq > 0) {
      meta.upgradeFromTables();
      tally = meta.read('tally');
      since = count(tally?.seq ?? 0);
    }
    // A tally ahead of the log cannot be (both are written in one commit): counted afresh if ever.
    const ahead = tally !== undefined && tally.seq > this.#lastSeq;
    if (ahead) since = count(0);
    const from = tally !== undefined && !ahead ? tally : { seq: 0, messageCount: 0, lastAgentMessageAt: null };
    this.counters = { messageCount: from.messageCount + since.n, lastAgentMessageAt: since.agentAt ?? from.lastAgentMessageAt };
    this.#tallySeq = from.seq;
    // A chat from before the tally (or one far behind it) is counted in full once, then never
    // again; a tally ahead of the log is replaced at once, before the log could catch it up.
    if (this.#lastSeq - this.#tallySeq >= TALLY_EVERY || ahead) this.#saveTally();
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  loadState(): ChatState {
    const state = this.#meta.read('state');
    if (!state) return { status: 'new' };
    // Chats stored before later features existed are read with those features' empty values.
    if (state.status === 'new' || state.status === 'deleted') return state;
    const info = { ...state.info, fields: state.info.fields ?? {}, language: state.info.language ?? null };
    const upgraded = { ...state, info, followUpAt: state.followUpAt ?? null, followUpBy: state.followUpBy ?? null };
    if (upgraded.status === 'active') return { ...upgraded, joined: upgraded.joined ?? [] };
    if (upgraded.status === 'ended') return { ...upgraded, rated: upgraded.rated ?? false };
    return upgraded;
  }

  /** A deletion whose purge has not finished yet (see ChatRoom.delete). */
  pendingPurge(): { chatId: string; groupId: string } | undefined {
    const stored = this.#meta.read('state');
    return stored?.status === 'deleted' ? stored.purge : undefined;
  }

  /** Stores the state (with, for a deletion under way, what its purge removes). */
  saveState(state: ChatRecords['state']): void {
    this.#meta.write('state', state);
  }

  /** The client ids this sender has used, with their seqs (read from the log once per wake). */
  #idsOf(sender: string): Map<string, number> {
    let ids = this.#sent.get(sender);
    if (!ids) {
      const rows = this.#sql.exec<{ client_id: string; seq: number }>(
        'SELECT client_id, seq FROM events WHERE sender = ? AND client_id IS NOT NULL',
        sender,
      );
      ids = new Map([...rows].map((r) => [r.client_id, r.seq]));
      this.#sent.set(sender, ids);
    }
    return ids;
  }

  /** The seq of the event this sender already sent with this client id, if any. */
  findBySender(sender: string, clientId: string, first = false): number | undefined {
    // A first transmission reads nothing from the log, but the ids already read still count: a
    // late copy of a frame whose resend was stored meanwhile is acknowledged, not stored again.
    return (first ? this.#sent.get(sender) : this.#idsOf(sender))?.get(clientId);
  }

  /**
   * Appends the event; undefined if this sender already used its client id (nothing is stored:
   * the caller answers with `findBySender`). One statement, one row, per message. A client's
   * first transmission of an id (`first`) is not looked up: the sender's ids are then read from
   * the log only when a resend needs them, never for the first message after a wake.
   */
  append(draft: EventDraft, sender: string | null, first = false): { event: ChatEvent; json: string } | undefined {
    const seq = this.#lastSeq + 1;
    const event = { ...draft, seq } as ChatEvent;
    const clientId = 'clientId' in event && sender !== null ? event.clientId : null;
    // Ids already read stay complete: a first transmission is added to them like any other.
    const ids = clientId === null ? null : first ? (this.#sent.get(sender!) ?? null) : this.#idsOf(sender!);
    if (clientId !== null && ids?.has(clientId)) return undefined;
    const { body, json } = rowOf(event, clientId);
    this.#sql.exec(
      'INSERT INTO events (seq, kind, audience, sender, client_id, body) VALUES (?, ?, ?, ?, ?, ?)',
      seq,
      event.kind,
      event.audience,
      clientId === null ? null : sender,
      clientId,
      body,
    );
    if (clientId !== null) ids?.set(clientId, seq);
    this.#lastSeq = seq;
    if (event.kind === 'message') {
      this.counters.messageCount += 1;
      if (event.from.role === 'agent') this.counters.lastAgentMessageAt = event.at;
    }
    if (seq - this.#tallySeq >= TALLY_EVERY) this.#saveTally();
    return { event, json };
  }

  /** The counters as they stand, at the last seq (written with whatever else this turn writes). */
  #saveTally(): void {
    const { messageCount, lastAgentMessageAt } = this.counters;
    this.#meta.write('tally', { seq: this.#lastSeq, messageCount, lastAgentMessageAt });
    this.#tallySeq = this.#lastSeq;
  }

  /** The record's events (comments and time logs), in order: what currentComments and currentTimeLogs fold. */
  recordEvents(): ChatEvent[] {
    return this.#sql
      .exec<{ body: string }>(`SELECT ${EVENT_JSON} AS body FROM events WHERE kind IN (${RECORD_EVENT_KINDS.map(() => '?').join(', ')}) ORDER BY seq`, ...RECORD_EVENT_KINDS)
      .toArray()
      .map((r) => JSON.parse(r.body) as ChatEvent);
  }

  /** Whether any searched event came after `after` (read from there on, not over the whole log). */
  searchedAfter(after: number): boolean {
    // The statement `searched` runs: each distinct statement an object runs stays prepared in its memory.
    return this.searched(after, 1).length > 0;
  }

  /** The searched events (messages, coaching, files) after `after`, in order, at most `limit`. */
  searched(after: number, limit: number): { seq: number; event: ChatEvent }[] {
    const marks = SEARCHED_KINDS.map(() => '?').join(', ');
    return this.#sql
      .exec<{ seq: number; body: string }>(`SELECT seq, ${EVENT_JSON} AS body FROM events WHERE seq > ? AND kind IN (${marks}) ORDER BY seq LIMIT ?`, after, ...SEARCHED_KINDS, limit)
      .toArray()
      .map((r) => ({ seq: r.seq, event: JSON.parse(r.body) as ChatEvent }));
  }

  /** Every event after `after` that `role` may see, in order. */
  since(after: number, role: Role): StoredEvent[] {
    const [first, second] = (['all', 'staff'] as const).filter((a: Audience) => rolesFor(a).includes(role));
    if (first === undefined) return [];
    // One statement for every role (each distinct statement stays prepared in the object's
    // memory): a role that sees one audience names it twice.
    return this.#sql
      .exec<{ seq: number; body: string }>(`SELECT seq, ${EVENT_JSON} AS body FROM events WHERE seq > ? AND audience IN (?, ?) ORDER BY seq`, after, first, second ?? first)
      .toArray()
      .map((r) => ({ seq: r.seq, json: r.body }));
  }
}
