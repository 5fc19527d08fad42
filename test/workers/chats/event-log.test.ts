// The event log's counters as a chat object wakes: read from the stored tally and the events
// after it, never by counting the whole log again (objects/chat/log.ts). Run on a real chat
// object's SQLite storage inside workerd.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EventLog, TALLY_EVERY } from '../../../objects/chat/log.ts';
import { ChatMeta } from '../../../objects/chat/meta.ts';
import type { Person } from '../../../objects/protocol.ts';

const vera: Person = { role: 'visitor', id: 'v1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };

/** What a test is given: a chat object's own storage, with nothing in its log yet. */
interface Storage {
  sql: SqlStorage;
  /** The chat's records on that storage, as the object makes them when it wakes. */
  metaOn(): ChatMeta;
  /** The log on that storage, as the object makes it when it wakes. */
  logOn(): EventLog;
}

function withStorage<T>(fn: (storage: Storage) => T): Promise<T> {
  const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(`event-log-${crypto.randomUUID()}`));
  return runInDurableObject(stub, (_, state) => {
    const { sql } = state.storage;
    const metaOn = () => new ChatMeta(sql, (f) => state.storage.transactionSync(f));
    return fn({ sql, metaOn, logOn: () => new EventLog(sql, metaOn()) });
  });
}

/** When the last agent's message of the first `n` that `write` appends was sent. */
const lastAgentAt = (n: number) => 1000 + (n - 1) - ((n - 1 - 2 + 3) % 3);

/** Appends `n` messages, every third from the agent, at times 1000, 1001, … after `from`. */
function write(log: EventLog, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    const by = i % 3 === 2 ? alice : vera;
    log.append({ kind: 'message', audience: 'all', at: 1000 + i, clientId: `m${i}`, from: by, text: `line ${i}` }, `${by.role}:${by.id}`, true);
  }
}

describe('the event log’s counters after a wake', () => {
  it('are what they were, read from the tally and the events after it only', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      const log = logOn();
      write(log, TALLY_EVERY + 10);
      expect(log.counters).toEqual({ messageCount: TALLY_EVERY + 10, lastAgentMessageAt: lastAgentAt(TALLY_EVERY + 10) });
      expect(logOn().counters).toEqual(log.counters);
      // Events the tally covers are not read again: hiding them from a count changes nothing...
      sql.exec("UPDATE events SET kind = 'hidden' WHERE seq <= ?", TALLY_EVERY);
      expect(logOn().counters).toEqual(log.counters);
      // ...while those after it are counted.
      sql.exec("UPDATE events SET kind = 'hidden' WHERE seq > ?", TALLY_EVERY);
      expect(logOn().counters).toEqual({ messageCount: TALLY_EVERY, lastAgentMessageAt: lastAgentAt(TALLY_EVERY) });
    });
  });

  it('are counted in full once for a log from before the tally, which is then written', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      write(logOn(), TALLY_EVERY + 3);
      sql.exec("DELETE FROM meta WHERE key = 'tally'");
      const woken = logOn();
      expect(woken.counters.messageCount).toBe(TALLY_EVERY + 3);
      expect(metaOn().read('tally')).toMatchObject({ seq: TALLY_EVERY + 3, messageCount: TALLY_EVERY + 3 });
    });
  });

  it('ignore a tally ahead of the log, and keep counting across many wakes', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      write(logOn(), 5);
      metaOn().write('tally', { seq: 99, messageCount: 99, lastAgentMessageAt: 99 });
      expect(logOn().counters).toEqual({ messageCount: 5, lastAgentMessageAt: lastAgentAt(5) });
      // It is replaced at once: the log catching up with its seq later does not make it count.
      expect(metaOn().read('tally')).toMatchObject({ seq: 5, messageCount: 5 });
      // A wake every few messages, as a chat at a person's pace has: the count never drifts.
      let written = 5;
      for (const n of [40, 1, TALLY_EVERY, 7, TALLY_EVERY * 2 + 1]) {
        write(logOn(), n, written);
        written += n;
        expect(logOn().counters.messageCount).toBe(written);
      }
      expect(sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE kind = 'message'").one().n).toBe(written);
    });
  });
});

describe('the event log’s rows', () => {
  const message = { kind: 'message', audience: 'all', at: 1000, clientId: 'c-1', from: vera, text: 'hello' } as const;
  const coaching = { kind: 'coaching', audience: 'staff', at: 1001, clientId: 'c-2', from: alice, text: 'ask for the order number' } as const;
  const queued = { kind: 'queued', audience: 'all', at: 999, groupId: 'g1', groupName: 'Sales', visitor: vera } as const;

  it('store in the body only what the columns do not hold, and give every event back whole', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      const log = logOn();
      const stored = [log.append(queued, null)!, log.append(message, 'visitor:v1', true)!, log.append(coaching, 'agent:alice', true)!];
      expect(stored.map((s) => s.event.seq)).toEqual([1, 2, 3]);
      const bodies = sql.exec<{ body: string }>('SELECT body FROM events ORDER BY seq').toArray().map((r) => JSON.parse(r.body) as Record<string, unknown>);
      for (const body of bodies) {
        for (const key of ['kind', 'audience', 'seq']) expect(body).not.toHaveProperty(key);
      }
      // A sender's client id is a column; the message's own fields stay in the body.
      expect(bodies[1]).toEqual({ at: 1000, from: vera, text: 'hello' });
      const events = stored.map((s) => s.event);
      // What is sent at once and what any later read gives are the same event.
      expect(stored.map((s) => JSON.parse(s.json))).toEqual(events);
      expect(log.since(0, 'agent').map((e) => JSON.parse(e.json))).toEqual(events);
      expect(log.since(0, 'visitor').map((e) => JSON.parse(e.json))).toEqual(events.filter((e) => e.audience === 'all'));
      expect(logOn().searched(0, 10).map((e) => e.event)).toEqual(events.filter((e) => e.kind !== 'queued'));
      // A message with a client id but no sender (the chat's opening question) keeps the id in its
      // body, where only it can come back from.
      const question = { ...message, clientId: 'question:q1', text: 'Where is my order?' };
      const asked = log.append(question, null)!;
      expect(JSON.parse(sql.exec<{ body: string }>('SELECT body FROM events WHERE seq = ?', asked.event.seq).one().body)).toHaveProperty('clientId', 'question:q1');
      expect(JSON.parse(asked.json)).toEqual(asked.event);
      expect(JSON.parse(log.since(asked.event.seq - 1, 'visitor')[0]!.json)).toEqual({ ...question, seq: asked.event.seq });
      // A resend of the same client id is still found by its column.
      expect(log.append(message, 'visitor:v1')).toBeUndefined();
      expect(logOn().findBySender('visitor:v1', 'c-1')).toBe(2);
    });
  });

  it('read rows written whole, before bodies were shortened, as they were', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      const log = logOn();
      const whole = { ...message, seq: 1 };
      sql.exec(
        'INSERT INTO events (seq, kind, audience, sender, client_id, body) VALUES (?, ?, ?, ?, ?, ?)',
        1,
        'message',
        'all',
        'visitor:v1',
        'c-1',
        JSON.stringify(whole),
      );
      const comment = { kind: 'comment', audience: 'staff', at: 1002, commentId: 'k1', commentKind: 'general', by: alice, text: 'VIP' };
      sql.exec('INSERT INTO events (seq, kind, audience, sender, client_id, body) VALUES (?, ?, ?, NULL, NULL, ?)', 2, 'comment', 'staff', JSON.stringify({ ...comment, seq: 2 }));
      const woken = logOn();
      expect(woken.since(0, 'agent').map((e) => JSON.parse(e.json))).toEqual([whole, { ...comment, seq: 2 }]);
      expect(woken.recordEvents()).toEqual([{ ...comment, seq: 2 }]);
      expect(log.lastSeq).toBe(0);
      expect(woken.counters.messageCount).toBe(1);
    });
  });
});

/**
 * Makes a chat's storage as the code before `meta` left it: no `meta`, the state (and a tally) in
 * tables of their own. The other old tables are made by each test.
 */
function asBeforeMeta(sql: SqlStorage, state: object, tally?: { seq: number; count: number; lastAgentAt: number | null }): void {
  sql.exec('DROP TABLE meta');
  sql.exec('CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)');
  sql.exec('INSERT INTO state (id, body) VALUES (1, ?)', JSON.stringify(state));
  if (!tally) return;
  sql.exec('CREATE TABLE tally (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, message_count INTEGER NOT NULL, last_agent_message_at INTEGER)');
  sql.exec('INSERT INTO tally (id, seq, message_count, last_agent_message_at) VALUES (1, ?, ?, ?)', tally.seq, tally.count, tally.lastAgentAt);
}

describe('a chat stored before its records shared one table', () => {
  it('has its state, tally, named numbers and projector memory moved into it as it wakes, and the old tables dropped', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      write(logOn(), 5);
      // The tables as such a chat has them (the projection's from before counters_at and watched).
      // A tally that says more than the log holds shows it is the one counted from.
      asBeforeMeta(sql, { status: 'deleted', purge: { chatId: 'c1', groupId: 'g1' } }, { seq: 3, count: 100, lastAgentAt: 7 });
      sql.exec('CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
      sql.exec("INSERT INTO counters (name, n) VALUES ('search_sent_seq', 4), ('transcript_emails', 2), ('comments_dirty', 1)");
      sql.exec('CREATE TABLE projection (id INTEGER PRIMARY KEY CHECK (id = 1), stored_at INTEGER NOT NULL, level TEXT)');
      sql.exec("INSERT INTO projection (id, stored_at, level) VALUES (1, 5, 'normal')");
      sql.exec('CREATE INDEX events_sender_client ON events (sender, client_id)');

      const meta = metaOn();
      const log = new EventLog(sql, meta);
      // Messages 4 and 5 counted on top of the old tally; the last agent message (seq 3) is the tally's.
      expect(log.counters).toEqual({ messageCount: 102, lastAgentMessageAt: 7 });
      expect(log.pendingPurge()).toEqual({ chatId: 'c1', groupId: 'g1' });
      expect(log.loadState()).toEqual({ status: 'deleted', purge: { chatId: 'c1', groupId: 'g1' } });
      expect(meta.read('projection')).toEqual({ storedAt: 5, countersAt: 0, level: 'normal', watched: true });
      expect([meta.read('search_sent_seq'), meta.read('transcript_emails'), meta.read('record_dirty')]).toEqual([4, 2, 1]);
      const names = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").toArray().map((r) => r.name);
      expect(names.filter((n) => ['state', 'tally', 'counters', 'projection', 'events_sender_client'].includes(n))).toEqual([]);
      // Waking again reads the moved records as they are.
      expect(logOn().counters).toEqual(log.counters);
      expect(logOn().lastSeq).toBe(5);
    });
  });

  it('carries a projection row of the last schema and a record flag as they are', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      write(logOn(), 2);
      asBeforeMeta(sql, { status: 'deleted' });
      sql.exec('CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
      // The record's own flag decides; a stale flag from before it does not.
      sql.exec("INSERT INTO counters (name, n) VALUES ('record_dirty', 0), ('comments_dirty', 1)");
      sql.exec('CREATE TABLE projection (id INTEGER PRIMARY KEY CHECK (id = 1), stored_at INTEGER NOT NULL, level TEXT, counters_at INTEGER NOT NULL DEFAULT 0, watched INTEGER NOT NULL DEFAULT 1)');
      sql.exec("INSERT INTO projection (id, stored_at, level, counters_at, watched) VALUES (1, 5, 'high', 9, 0)");
      const log = logOn();
      expect(log.loadState()).toEqual({ status: 'deleted' });
      const meta = metaOn();
      expect(meta.read('projection')).toEqual({ storedAt: 5, countersAt: 9, level: 'high', watched: false });
      expect([meta.read('record_dirty'), meta.read('tally'), meta.read('search_sent_seq')]).toEqual([0, undefined, undefined]);
    });
  });

  it('moves nothing when the move is cut short: the old tables stay as they were, for the next wake', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      write(logOn(), 2);
      asBeforeMeta(sql, { status: 'deleted' }, { seq: 1, count: 1, lastAgentAt: null });
      // A counters table the move cannot read (no `n`): it fails after the tally is written.
      sql.exec('CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER)');
      expect(() => logOn()).toThrow();
      expect(metaOn().read('tally')).toBeUndefined();
      const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray().map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['state', 'tally', 'counters']));
      expect(sql.exec<{ n: number }>('SELECT message_count AS n FROM tally').one().n).toBe(1);
    });
  });

  it('leaves a new chat and a chat already moved as they are', async () => {
    await withStorage(({ sql, metaOn, logOn }) => {
      const fresh = logOn();
      expect([fresh.lastSeq, fresh.counters.messageCount, fresh.loadState()]).toEqual([0, 0, { status: 'new' }]);
      write(fresh, 2);
      fresh.saveState({ status: 'deleted' });
      // A table of the old name made later is not the chat's: nothing reads or drops it.
      sql.exec('CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
      sql.exec("INSERT INTO counters (name, n) VALUES ('transcript_emails', 9)");
      logOn();
      expect(metaOn().read('transcript_emails')).toBeUndefined();
      expect(sql.exec<{ n: number }>('SELECT n FROM counters').one().n).toBe(9);
    });
  });
});
