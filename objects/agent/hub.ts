// One object per agent that keeps every socket the agent holds in line with their rights. A socket
// is checked when it opens, but rights change while it stays open: the session ends, an
// administrator disables the agent, resets their password, changes their role or groups. The
// chats and the lobby register here when they accept one of the agent's sockets; `refresh` reads
// the agent's rights from D1 once and pushes them to each place, which closes what is no longer
// allowed and updates the rank its decisions use. The console's own changes call `refresh` at
// once; changes written straight to D1 (`npm run admin`) are found by this object's timer, which
// pushes only to the places whose sockets may disagree with what it reads (pushes.ts). D1 is the
// truth, read at every check: the object keeps, per place, what that place's sockets were checked
// or last updated against, to tell whether anything changed there. A place whose last socket of
// the agent closed says so (`released`): the next check asks it, and forgets it if it holds none.
// Pushes run one at a time: two that overlapped could reach a place in one order and be recorded
// in the other.
// It also keeps the agent's task reminders: the task routes ask it to remind the assignee at a
// task's due time, and when that comes it reads the task from D1 and tells the agent's consoles
// only if the task is still open, still theirs and still due then (so a stale reminder is harmless).
import { DurableObject } from 'cloudflare:workers';
import type { StaffRights } from '../identity.ts';
import type { RightsStore } from './store.ts';
import type { Held, SocketView } from './pushes.ts';
import { pushed, pushTargets, registered } from './pushes.ts';
import { pieceName, shardOf, shardsPerGroup } from '../lobby/pieces.ts';

/**
 * How often the rights are read again while the agent has sockets open: `npm run admin` writes D1
 * directly, and its changes must reach open sockets within 30 s. One D1 read per online agent per
 * interval, whatever the number of chats or messages.
 */
export const RIGHTS_CHECK_INTERVAL_MS = 20_000;
/** A task reminder that could not be told is tried again after this long. */
const REMINDER_RETRY_MS = 30_000;

/** A place that holds sockets of the agent: a lobby piece by name (objects/lobby/pieces.ts), or a chat by id. */
export type Place = `lobby:${string}` | `chat:${string}`;

export function agentHub(env: Pick<Env, 'AGENT_HUB'>, agentId: string) {
  return env.AGENT_HUB.get(env.AGENT_HUB.idFromName(agentId));
}

/** The hub, less its D1 access: worker/index.ts exports the class wrangler binds (`AgentHub`). */
export abstract class AgentHubObject extends DurableObject<Env> {
  protected abstract readonly store: RightsStore;
  /** What each place's sockets of the agent hold, as far as the hub knows (pushes.ts); also in `held`. */
  #held = new Map<string, Held>();
  /** The places registered while a push is on its way (null between pushes): the push may have missed their new socket. */
  #registeredDuringPush: Set<string> | null = null;
  /** The pushes so far, chained: each reads D1 and pushes only once the one before has finished. */
  #pushes: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS places (place TEXT PRIMARY KEY)');
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS agent (id INTEGER PRIMARY KEY CHECK (id = 1), agent_id TEXT NOT NULL)');
    // next_try: the due time, or later when telling failed (D1 or the lobby could not be reached).
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS reminders (task_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL, next_try INTEGER NOT NULL)');
    // What each place's sockets hold (pushes.ts). Kept here, not only in memory: the hub is evicted
    // between its checks (nothing holds it awake for 20 s), and a fresh instance that knew nothing
    // would call every place at every check, waking every hibernated chat of the agent.
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS held (place TEXT PRIMARY KEY, key TEXT NOT NULL, sessions TEXT NOT NULL)');
    for (const row of ctx.storage.sql.exec<{ place: string; key: string; sessions: string }>('SELECT place, key, sessions FROM held')) {
      this.#held.set(row.place, { key: row.key, sessionIds: new Set(JSON.parse(row.sessions) as string[]) });
    }
  }

  /** Writes what the place holds (or that it is not known) through to storage. */
  #keepHeld(place: string): void {
    const held = this.#held.get(place);
    if (held) {
      this.ctx.storage.sql.exec('INSERT OR REPLACE INTO held (place, key, sessions) VALUES (?, ?, ?)', place, held.key, JSON.stringify([...held.sessionIds]));
    } else {
      this.ctx.storage.sql.exec('DELETE FROM held WHERE place = ?', place);
    }
  }

  /** Remind the agent of a task at `dueAt` (a later call for the same task replaces the time). */
  async remindTask(agentId: string, taskId: string, dueAt: number): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec('INSERT OR IGNORE INTO agent (id, agent_id) VALUES (1, ?)', agentId);
    sql.exec(
      'INSERT INTO reminders (task_id, due_at, next_try) VALUES (?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at, next_try = excluded.next_try',
      taskId,
      dueAt,
      dueAt,
    );
    await this.#arm();
  }

  /** The next wake: a rights check while sockets are held, the earliest reminder. */
  async #arm(): Promise<void> {
    const sql = this.ctx.storage.sql;
    const places = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM places').one().n;
    const due = sql.exec<{ at: number | null }>('SELECT MIN(next_try) AS at FROM reminders').one().at;
    const candidates = [...(places > 0 ? [Date.now() + RIGHTS_CHECK_INTERVAL_MS] : []), ...(due === null ? [] : [due])];
    if (candidates.length === 0) return;
    const next = Math.min(...candidates);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  /**
   * Reminders that fell due: each told if its task is still open, the agent's, and due then. One
   * that could not be told (D1 or the lobby unreachable) is tried again a little later; a console
   * that hears it twice shows it once (the notice's id is the task and its due time).
   */
  async #remind(agentId: string): Promise<void> {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    const due = sql.exec<{ task_id: string; due_at: number }>('SELECT task_id, due_at FROM reminders WHERE next_try <= ?', now).toArray();
    for (const { task_id: taskId, due_at: dueAt } of due) {
      try {
        const task = await this.store.taskNow(taskId);
        if (task && task.doneAt === null && task.assigneeId === agentId && task.dueAt === dueAt) {
          const notice = { id: `task:${taskId}:${dueAt}`, kind: 'task-due' as const, taskId, title: task.title, at: dueAt };
          // Through the task's group's piece that holds the agent's consoles (as lobby.ts
          // notifyAgent, which this file cannot import: the lobby imports the hub).
          const piece = pieceName({ groupId: task.groupId, shard: shardOf(agentId, shardsPerGroup(this.env.LOBBY_SHARDS_PER_GROUP)) });
          await this.env.LOBBY.get(this.env.LOBBY.idFromName(piece)).notify(agentId, notice);
        }
        sql.exec('DELETE FROM reminders WHERE task_id = ? AND due_at = ?', taskId, dueAt);
      } catch (err) {
        console.error('task reminder not told; trying again', taskId, err);
        sql.exec('UPDATE reminders SET next_try = ? WHERE task_id = ? AND due_at = ?', now + REMINDER_RETRY_MS, taskId, dueAt);
      }
    }
  }

  /**
   * A place accepted one of the agent's sockets, opened with `view` (what the Worker checked it
   * against). The next check pushes to it only if what it reads differs (pushes.ts).
   */
  async register(agentId: string, place: Place, view?: SocketView): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec('INSERT OR IGNORE INTO agent (id, agent_id) VALUES (1, ?)', agentId);
    const isNew = sql.exec('INSERT OR IGNORE INTO places (place) VALUES (?)', place).rowsWritten > 0;
    registered(this.#held, place, view, isNew);
    this.#keepHeld(place);
    this.#registeredDuringPush?.add(place);
    await this.#arm();
  }

  /**
   * The place's last socket of the agent closed (as far as the place knew): the next check asks
   * it, which forgets it if it holds none (a socket may have opened there since: the push's answer
   * decides, never this call). Without it, a place that agreed was never asked again, and the hub
   * kept reading D1 every interval until the agent's session expired.
   */
  async released(place: Place): Promise<void> {
    // A push on its way there may answer that it holds a socket (it arrived before the close):
    // not known either way until asked again, even if the hub knew nothing of the place already.
    this.#registeredDuringPush?.add(place);
    if (!this.#held.delete(place)) return;
    this.#keepHeld(place);
  }

  /**
   * Reads the agent's rights and pushes them to every place holding their sockets. Places that
   * no longer hold any of the agent's sockets are forgotten. Returns the rights pushed.
   */
  refresh(agentId: string): Promise<StaffRights> {
    return this.#oneAtATime(() => this.#pushRights(agentId, true));
  }

  #oneAtATime<T>(push: () => Promise<T>): Promise<T> {
    const next = this.#pushes.then(push, push);
    this.#pushes = next.catch(() => undefined);
    return next;
  }

  /**
   * Reads the agent's rights and pushes them where pushes.ts says: everywhere when `always` (a
   * console's change), else to the places that may not hold them.
   */
  async #pushRights(agentId: string, always: boolean): Promise<StaffRights> {
    const rights = await this.store.rightsOf(agentId, Date.now());
    const sql = this.ctx.storage.sql;
    const places = sql.exec<{ place: Place }>('SELECT place FROM places').toArray().map((r) => r.place);
    const targets = pushTargets(places, rights, this.#held, always);
    const registeredMeanwhile = (this.#registeredDuringPush = new Set());
    const outcomes = await Promise.allSettled(targets.map((place) => this.#push(place, rights)));
    this.#registeredDuringPush = null;
    outcomes.forEach((outcome, i) => {
      const place = targets[i]!;
      const meanwhile = registeredMeanwhile.has(place);
      if (outcome.status === 'rejected') {
        // Not reached: unknown, so tried again on the next round.
        this.#held.delete(place);
        console.error('rights not delivered to', place, outcome.reason);
      } else if (outcome.value || meanwhile) {
        pushed(this.#held, place, rights, meanwhile);
      } else {
        // It holds none of the agent's sockets (and none registered while the push was on its way).
        sql.exec('DELETE FROM places WHERE place = ?', place);
        this.#held.delete(place);
      }
      this.#keepHeld(place);
    });
    return rights;
  }

  override async alarm(): Promise<void> {
    // Alarms are delivered at least once; a refresh is idempotent.
    const agentId = this.ctx.storage.sql.exec<{ agent_id: string }>('SELECT agent_id FROM agent').toArray()[0]?.agent_id;
    if (agentId === undefined) return;
    // Rights first: they must reach open sockets on time whatever happens to a reminder.
    const held = this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM places').one().n;
    try {
      if (held > 0) await this.#oneAtATime(() => this.#pushRights(agentId, false));
      await this.#remind(agentId);
    } finally {
      await this.#arm();
    }
  }

  /** Whether the place still holds a socket of the agent after applying the rights. */
  #push(place: Place, rights: StaffRights): Promise<boolean> {
    // A lobby place is the piece's object name (pieces.ts); lobby.ts imports this file, not the reverse.
    if (place.startsWith('lobby:')) return this.env.LOBBY.get(this.env.LOBBY.idFromName(place)).applyRights(rights);
    if (!place.startsWith('chat:')) return Promise.resolve(false); // The one lobby of before it was split: forgotten.
    const chatId = place.slice('chat:'.length);
    return this.env.CHAT_ROOM.get(this.env.CHAT_ROOM.idFromName(chatId)).applyRights(rights);
  }
}
