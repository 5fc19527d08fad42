// The event log's counters as a chat object wakes: read from the stored tally and the events
// after it, never by counting the whole log again (objects/chat/log.ts). Run on a real chat
// object's SQLite storage inside workerd.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EventLog, TALLY_EVERY } from '../../../objects/chat/log.ts';
import type { Person } from '../../../objects/protocol.ts';

const vera: Person = { role: 'visitor', id: 'v1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };

/** A chat object's own storage, with nothing in its log yet. */
function withStorage<T>(fn: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(`event-log-${crypto.randomUUID()}`));
  return runInDurableObject(stub, (_, state) => fn(state.storage.sql));
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
    await withStorage((sql) => {
      const log = new EventLog(sql);
      write(log, TALLY_EVERY + 10);
      expect(log.counters).toEqual({ messageCount: TALLY_EVERY + 10, lastAgentMessageAt: lastAgentAt(TALLY_EVERY + 10) });
      expect(new EventLog(sql).counters).toEqual(log.counters);
      // Events the tally covers are not read again: hiding them from a count changes nothing...
      sql.exec("UPDATE events SET kind = 'hidden' WHERE seq <= ?", TALLY_EVERY);
      expect(new EventLog(sql).counters).toEqual(log.counters);
      // ...while those after it are counted.
      sql.exec("UPDATE events SET kind = 'hidden' WHERE seq > ?", TALLY_EVERY);
      expect(new EventLog(sql).counters).toEqual({ messageCount: TALLY_EVERY, lastAgentMessageAt: lastAgentAt(TALLY_EVERY) });
    });
  });

  it('are counted in full once for a log from before the tally, which is then written', async () => {
    await withStorage((sql) => {
      write(new EventLog(sql), TALLY_EVERY + 3);
      sql.exec('DELETE FROM tally');
      const woken = new EventLog(sql);
      expect(woken.counters.messageCount).toBe(TALLY_EVERY + 3);
      expect(sql.exec<{ seq: number; n: number }>('SELECT seq, message_count AS n FROM tally').toArray()).toEqual([{ seq: TALLY_EVERY + 3, n: TALLY_EVERY + 3 }]);
    });
  });

  it('ignore a tally ahead of the log, and keep counting across many wakes', async () => {
    await withStorage((sql) => {
      write(new EventLog(sql), 5);
      sql.exec('INSERT OR REPLACE INTO tally (id, seq, message_count, last_agent_message_at) VALUES (1, 99, 99, 99)');
      expect(new EventLog(sql).counters).toEqual({ messageCount: 5, lastAgentMessageAt: lastAgentAt(5) });
      // It is replaced at once: the log catching up with its seq later does not make it count.
      expect(sql.exec<{ seq: number; n: number }>('SELECT seq, message_count AS n FROM tally').toArray()).toEqual([{ seq: 5, n: 5 }]);
      // A wake every few messages, as a chat at a person's pace has: the count never drifts.
      let written = 5;
      for (const n of [40, 1, TALLY_EVERY, 7, TALLY_EVERY * 2 + 1]) {
        write(new EventLog(sql), n, written);
        written += n;
        expect(new EventLog(sql).counters.messageCount).toBe(written);
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
    await withStorage((sql) => {
      const log = new EventLog(sql);
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
      expect(new EventLog(sql).searched(0, 10).map((e) => e.event)).toEqual(events.filter((e) => e.kind !== 'queued'));
      // A message with a client id but no sender (the chat's opening question) keeps the id in its
      // body, where only it can come back from.
      const question = { ...message, clientId: 'question:q1', text: 'Where is my order?' };
      const asked = log.append(question, null)!;
      expect(JSON.parse(sql.exec<{ body: string }>('SELECT body FROM events WHERE seq = ?', asked.event.seq).one().body)).toHaveProperty('clientId', 'question:q1');
      expect(JSON.parse(asked.json)).toEqual(asked.event);
      expect(JSON.parse(log.since(asked.event.seq - 1, 'visitor')[0]!.json)).toEqual({ ...question, seq: asked.event.seq });
      // A resend of the same client id is still found by its column.
      expect(log.append(message, 'visitor:v1')).toBeUndefined();
      expect(new EventLog(sql).findBySender('visitor:v1', 'c-1')).toBe(2);
    });
  });

  it('read rows written whole, before bodies were shortened, as they were', async () => {
    await withStorage((sql) => {
      const log = new EventLog(sql);
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
      const woken = new EventLog(sql);
      expect(woken.since(0, 'agent').map((e) => JSON.parse(e.json))).toEqual([whole, { ...comment, seq: 2 }]);
      expect(woken.recordEvents()).toEqual([{ ...comment, seq: 2 }]);
      expect(log.lastSeq).toBe(0);
      expect(woken.counters.messageCount).toBe(1);
    });
  });
});
