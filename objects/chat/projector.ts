// The chat's projection as one module: when the `chats` row is written (at once on a state
// change, coalesced within PROJECTION_INTERVAL_MS for counters), the write itself through the
// store, the publish to the live queue, and the idle thresholds it is computed with (read again
// once they are THRESHOLDS_MAX_AGE_MS old). The room says what changed; this decides when. A
// second projection (the search index) can sit beside it with the same shape.
import type { ChatListRow } from '../protocol.ts';
import type { ChatInfo } from './logic.ts';
import { PROJECTION_INTERVAL_MS } from './projection.ts';
import type { ChatStore } from './store.ts';
import { DEFAULT_THRESHOLDS, type Thresholds, thresholdsFrom } from './timers.ts';

/** How stale the idle thresholds may be before a projection reads them again. */
export const THRESHOLDS_MAX_AGE_MS = 30_000;

/** What is projected: the row as it is when the write starts (undefined: nothing to project). */
export type RowSource = (thresholds: Thresholds, now: number) => { row: ChatListRow; info: Pick<ChatInfo, 'fields' | 'language'> } | undefined;

export class Projector {
  readonly #store: ChatStore;
  readonly #publish: (row: ChatListRow) => Promise<void>;
  #thresholds: Thresholds = DEFAULT_THRESHOLDS;
  #thresholdsReadAt: number | null = null;
  /** When the counters must next reach D1, if they changed since the last projection. */
  #dueAt: number | null = null;
  /** Projections run one after another, so D1 and the lists never see them out of order. */
  #running: Promise<void> = Promise.resolve();

  constructor(store: ChatStore, publish: (row: ChatListRow) => Promise<void>) {
    this.#store = store;
    this.#publish = publish;
  }

  get thresholds(): Thresholds {
    return this.#thresholds;
  }

  /** When the next coalesced projection is due, if one is pending (the room's alarm honours it). */
  get dueAt(): number | null {
    return this.#dueAt;
  }

  /**
   * Counters changed (a message): they reach D1 within PROJECTION_INTERVAL_MS, one write for many
   * messages. True when this made a projection due (the alarm must be set).
   */
  countersChanged(now: number): boolean {
    if (this.#dueAt !== null) return false;
    this.#dueAt = now + PROJECTION_INTERVAL_MS;
    return true;
  }

  /** Writes the row now (a state change, or the alarm for counters); failures are retried by the alarm. */
  project(source: RowSource): Promise<void> {
    this.#dueAt = null;
    this.#running = this.#running.then(async () => {
      let now = Date.now();
      try {
        // Thresholds are read when this instance first projects (so a restart never misses an
        // administrator's change) and again once they are THRESHOLDS_MAX_AGE_MS old: not for
        // every counter projection, which would cost a D1 read per chat twice a second.
        if (this.#thresholdsReadAt === null || now - this.#thresholdsReadAt > THRESHOLDS_MAX_AGE_MS) {
          this.#thresholds = thresholdsFrom(await this.#store.thresholdSettings());
          this.#thresholdsReadAt = Date.now();
        }
        // The state as it is now, after that read: the row must match the log's last seq.
        now = Date.now();
        const next = source(this.#thresholds, now);
        if (!next) return;
        await this.#store.writeRow(next.row, next.info);
        await this.#publish(next.row);
      } catch (err) {
        // D1 or the lobby was unreachable: try again from the alarm rather than lose the change.
        console.error('projection failed', err);
        this.#dueAt = now + PROJECTION_INTERVAL_MS;
      }
    });
    return this.#running;
  }
}
