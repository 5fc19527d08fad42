// The chat's projection as one module: when its list row reaches the consoles (the group's lobby
// pieces) and when it reaches D1's `chats` row, the write and the publish themselves, and the idle
// thresholds they are computed with (read again once THRESHOLDS_MAX_AGE_MS old). The room says
// what changed; this decides when:
// - a state change (new, taken, transferred, ended, follow-up, an idle level crossed) is written
//   and published at once;
// - counters (message count, last agent message) are published to the consoles within
//   LIVE_COUNTERS_INTERVAL_MS, and written to D1 at most once per STORED_COUNTERS_INTERVAL_MS per
//   chat, counted from its last write of counters alone (a state change's write does not count):
//   the first message when no counters were written in the last interval goes to D1 with its live
//   publish. D1's rate grows with chats and state changes, never with messages. A chat taken with
//   no message since its queue's last counters write, say a visitor's one line after the take,
//   so writes it at once and sleeps, rather than being woken from hibernation to write it;
// - counters reach the consoles only while one of them shows the chat: each publish answers
//   whether any does, and a chat nobody shows publishes nothing until a lobby piece says a console
//   started showing it (`watch`). A busy chat off everyone's screen costs its piece nothing.
import type { ChatListRow, IdleLevel } from '../protocol.ts';
import type { ChatInfo } from './logic.ts';
import type { ChatStore } from './store.ts';
import { DEFAULT_THRESHOLDS, type Thresholds, thresholdsFrom } from './timers.ts';

/** How stale the idle thresholds may be before a projection reads them again. */
export const THRESHOLDS_MAX_AGE_MS = 30_000;
/**
 * How long, at most, a new message count waits before the consoles showing the chat hear of it
 * (under the one second the lists promise, with room for the push).
 */
export const LIVE_COUNTERS_INTERVAL_MS = 800;
/**
 * How often, at most, a busy chat's counters are written to D1 (what a list page loaded from D1
 * shows, and how stale its message counts may be). 30 s keeps a counters write per chat below one
 * state change's worth; docs/scale.md has the measurement behind it.
 */
export const STORED_COUNTERS_INTERVAL_MS = 30_000;
/**
 * Each stored interval is longer by a random part of this, so chats that began together (a
 * morning's rush, a restart) do not all write D1 in the same second, every 30 s, for good.
 */
export const STORED_COUNTERS_JITTER_MS = 6_000;

/** What is projected: the row as it is when the write starts (undefined: nothing to project). */
export type RowSource = (thresholds: Thresholds, now: number) => { row: ChatListRow; info: Pick<ChatInfo, 'fields' | 'language'> } | undefined;
/**
 * Tells the consoles of the groups named (the row's own, and one it just left) about the row: a
 * state change reaches every console of the group, counters only those showing the chat. Resolves
 * to whether any console shows the chat.
 */
export type Publish = (row: ChatListRow, groupIds: readonly string[], change: 'state' | 'counters') => Promise<boolean>;

/**
 * What the projector must remember across the object's hibernation: when the row and when its
 * counters alone last reached D1, and the idle level last published. Without it every wake would
 * count as a state change (and cost a D1 write); the room keeps it in the object's own SQLite,
 * written only when it changes.
 */
export interface Remembered {
  /** When the row last reached D1, whole or its counters alone. */
  storedAt: number;
  /** When its counters alone last did (what the stored interval counts from). */
  countersAt: number;
  level: IdleLevel | null;
  /**
   * Whether a console showed the chat at the last publish. Remembered so that a chat nobody shows
   * does not publish to its pieces after every wake only to hear that again: a chat at a person's
   * pace is evicted between most of its messages. A piece tells it when a console starts showing
   * it (`watch`), asleep or not.
   */
  watched: boolean;
}

export interface ProjectionMemory {
  load(): Remembered;
  save(remembered: Remembered): void;
}

export class Projector {
  readonly #store: ChatStore;
  readonly #publish: Publish;
  #thresholds: Thresholds = DEFAULT_THRESHOLDS;
  #thresholdsReadAt: number | null = null;
  /** When changed counters must reach the consoles, if they changed since the last publish. */
  #liveDueAt: number | null = null;
  /** When changed counters must reach D1, if they changed since the last write. */
  #storeDueAt: number | null = null;
  /** When the row last reached D1 (0: not since this instance started). */
  #storedAt = 0;
  /** When the counters alone last reached D1 (the stored interval counts from here; 0: never). */
  #countersAt = 0;
  /** This stored interval's random part (see STORED_COUNTERS_JITTER_MS). */
  #jitter: number;
  /**
   * Whether the next D1 write must be the whole row: the first of this instance (a write made
   * before it woke may have failed) and any after a failed one. Otherwise counters alone suffice.
   */
  #wholeRowDue = true;
  /** The idle level the consoles last heard. */
  #level: IdleLevel | null = null;
  /** Whether a console shows the chat, as the last publish answered (assumed until told otherwise). */
  #watched = true;
  /** What the memory holds of it. */
  #rememberedWatched = true;
  /** Projections run one after another, so D1 and the lists never see them out of order. */
  #running: Promise<void> = Promise.resolve();

  readonly #clock: () => number;
  readonly #memory: ProjectionMemory | null;
  readonly #random: () => number;

  constructor(store: ChatStore, publish: Publish, clock: () => number = Date.now, memory: ProjectionMemory | null = null, random: () => number = Math.random) {
    this.#store = store;
    this.#publish = publish;
    this.#clock = clock;
    this.#memory = memory;
    this.#random = random;
    this.#jitter = random() * STORED_COUNTERS_JITTER_MS;
    if (memory) ({ storedAt: this.#storedAt, countersAt: this.#countersAt, level: this.#level, watched: this.#watched } = memory.load());
    this.#rememberedWatched = this.#watched;
  }

  get thresholds(): Thresholds {
    return this.#thresholds;
  }

  /**
   * The thresholds, read from D1 if this instance has not read them yet or they are
   * THRESHOLDS_MAX_AGE_MS old. An alarm that wakes a fresh instance (the object was evicted while
   * idle) judges the idle level by the administrator's thresholds, not the defaults.
   */
  async freshThresholds(now: number = this.#clock()): Promise<Thresholds> {
    if (this.#thresholdsReadAt === null || now - this.#thresholdsReadAt > THRESHOLDS_MAX_AGE_MS) {
      this.#thresholds = thresholdsFrom(await this.#store.thresholdSettings());
      this.#thresholdsReadAt = this.#clock();
    }
    return this.#thresholds;
  }

  /** The idle level last published (an agent's reply to a chat shown yellow or red is a state change). */
  get publishedLevel(): IdleLevel | null {
    return this.#level;
  }

  /** When the row last reached D1 (0: not since this instance started). */
  get storedAt(): number {
    return this.#storedAt;
  }

  /** When the next coalesced projection is due, if one is pending (the room's alarm honours it). */
  get dueAt(): number | null {
    if (this.#liveDueAt === null) return this.#storeDueAt;
    if (this.#storeDueAt === null) return this.#liveDueAt;
    return Math.min(this.#liveDueAt, this.#storeDueAt);
  }

  /** Whether counters are published live: a console showed the chat at the last publish, or started to since. */
  get watched(): boolean {
    return this.#watched;
  }

  /**
   * Counters changed (a message): the consoles showing the chat hear within
   * LIVE_COUNTERS_INTERVAL_MS, D1 within STORED_COUNTERS_INTERVAL_MS of its last counters write
   * (with the live publish, when that was longer ago). True when
   * this made a projection due sooner (the alarm must be set).
   */
  countersChanged(now: number): boolean {
    if (!this.#watched) {
      if (this.#storeDueAt !== null) return false;
      // The first write after a quiet spell goes a live interval after the message, without the
      // random part: with it (up to 6 s later) the bench's memory per open chat rose from 544 to
      // about 610 KiB (2026-12-07), the chats' objects being busy that much longer.
      this.#storeDueAt = Math.max(now + LIVE_COUNTERS_INTERVAL_MS, this.#countersAt + STORED_COUNTERS_INTERVAL_MS + this.#jitter);
      return true;
    }
    if (this.#liveDueAt !== null && this.#storeDueAt !== null) return false;
    this.#liveDueAt ??= now + LIVE_COUNTERS_INTERVAL_MS;
    this.#storeDueAt ??= Math.max(this.#liveDueAt, this.#countersAt + STORED_COUNTERS_INTERVAL_MS + this.#jitter);
    return true;
  }

  /** A state change: the row is written and published now; failures are retried by the alarm. */
  project(source: RowSource, alsoGroups: readonly string[] = []): Promise<void> {
    return this.#run(source, true, alsoGroups, 'state');
  }

  /** A console started showing the chat: its counters are published now, and live from now on. */
  watch(source: RowSource): Promise<void> {
    // Its own publish (queued after any under way) answers with the pieces as they are now. It is
    // remembered at once: should that publish fail, a woken chat still publishes and asks again.
    this.#watched = true;
    if (!this.#rememberedWatched) this.#remember(true);
    return this.#run(source, false, [], 'counters');
  }

  /**
   * The alarm: a state change if the row's idle level is not the one last published, or if
   * `force` (a follow-up came due); otherwise whatever coalesced projection is due. The level is
   * judged once any projection under way has finished, so a state change that is publishing the
   * new level already (a take as a search batch's alarm fires) is not heard twice by every console.
   */
  wake(source: RowSource, now: number, force = false): Promise<void> {
    this.#running = this.#running.then(() => {
      const level = source(this.#thresholds, this.#clock())?.row.idleLevel;
      if (level === undefined) return;
      const state = force || level !== this.#level;
      const store = state || (this.#storeDueAt !== null && this.#storeDueAt <= now);
      if (!store && !(this.#liveDueAt !== null && this.#liveDueAt <= now)) return;
      this.#due(store);
      return this.#project(source, store, [], state ? 'state' : 'counters');
    });
    return this.#running;
  }

  #run(source: RowSource, store: boolean, alsoGroups: readonly string[], change: 'state' | 'counters'): Promise<void> {
    this.#due(store);
    this.#running = this.#running.then(() => this.#project(source, store, alsoGroups, change));
    return this.#running;
  }

  /** A projection is starting: what it covers is no longer due (a change meanwhile makes it due again). */
  #due(store: boolean): void {
    this.#liveDueAt = null;
    if (store) this.#storeDueAt = null;
  }

  /** Saves what a restart must not forget: when the row was stored, its level, whether it is shown. */
  #remember(watched: boolean): void {
    this.#memory?.save({ storedAt: this.#storedAt, countersAt: this.#countersAt, level: this.#level, watched });
    this.#rememberedWatched = watched;
  }

  /** One projection (never rejects: a failure leaves it due for the alarm). */
  async #project(source: RowSource, store: boolean, alsoGroups: readonly string[], change: 'state' | 'counters'): Promise<void> {
    let now = this.#clock();
    try {
      // Thresholds are read when this instance first projects (so a restart never misses an
      // administrator's change) and again once they are THRESHOLDS_MAX_AGE_MS old: not for
      // every counter projection, which would cost a D1 read per chat twice a second.
      await this.freshThresholds(now);
      // The state as it is now, after that read: the row must match the log's last seq.
      now = this.#clock();
      const next = source(this.#thresholds, now);
      if (!next) return;
      if (store) {
        const whole = change === 'state' || this.#wholeRowDue;
        // No row for the counters: it is written whole, unless the chat was deleted meanwhile.
        if (whole || (!(await this.#store.writeCounters(next.row)) && source(this.#thresholds, now) !== undefined)) {
          await this.#store.writeRow(next.row, next.info);
        }
        this.#wholeRowDue = false;
        this.#storedAt = now;
        if (change === 'counters') this.#countersAt = now;
        this.#jitter = this.#random() * STORED_COUNTERS_JITTER_MS;
      }
      const shown = await this.#publish(next.row, [next.row.groupId, ...alsoGroups], change);
      this.#watched = shown;
      const remembered = store || this.#level !== next.row.idleLevel || this.#rememberedWatched !== shown;
      this.#level = next.row.idleLevel;
      if (remembered) this.#remember(shown);
    } catch (err) {
      // D1 or a lobby piece was unreachable: try again from the alarm rather than lose the change.
      // Whether D1 has the row as it was is unknown now: the next write is whole.
      console.error('projection failed', err);
      this.#liveDueAt = now + LIVE_COUNTERS_INTERVAL_MS;
      if (store) {
        this.#storeDueAt = now + LIVE_COUNTERS_INTERVAL_MS;
        this.#wholeRowDue = true;
      }
    }
  }
}
