// The canned replies this member of staff may insert, read when a reply box first takes focus
// (and again once the list is a minute old), when the picker opens and when the manager changes
// one: the reply box's `#` trigger matches against it without a round trip per key. A model:
// signals and actions, no DOM. The server decides again on every fill, so a list a moment old
// never lets anyone insert what they may no longer use.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CannedListResponse, CannedReply } from '../../../worker/canned/wire.ts';
import { describeError, getJson } from '../../shared/api.ts';

/** How old the list may be when a reply box takes focus before it is read again (a colleague may have added one). */
export const LIBRARY_MAX_AGE_MS = 60_000;

export interface CannedLibrary {
  replies: ReadonlySignal<readonly CannedReply[]>;
  /** Read at least once (the trigger stays quiet until then). */
  loaded: ReadonlySignal<boolean>;
  /** Why the list could not be read, if it could not. */
  problem: ReadonlySignal<string | null>;
  /** Reads the list now unless it was read less than LIBRARY_MAX_AGE_MS ago. */
  ensure(): void;
  /** Reads the list again. */
  refresh(): Promise<void>;
}

function createLibrary(): CannedLibrary {
  const replies = signal<readonly CannedReply[]>([]);
  const loaded = signal(false);
  const problem = signal<string | null>(null);
  let reading: Promise<void> | null = null;
  let readAt = -Infinity;

  function refresh(): Promise<void> {
    reading ??= getJson<CannedListResponse>('/api/canned?view=use')
      .then(
        (answer) => {
          replies.value = answer.replies;
          readAt = Date.now();
          loaded.value = true;
          problem.value = null;
        },
        (error: unknown) => {
          problem.value = describeError(error);
        },
      )
      .finally(() => (reading = null));
    return reading;
  }

  return {
    replies,
    loaded,
    problem,
    ensure() {
      if (reading === null && Date.now() - readAt > LIBRARY_MAX_AGE_MS) void refresh();
    },
    refresh,
  };
}

/** One per page: every open chat's reply box reads the same list. */
export const cannedLibrary: CannedLibrary = createLibrary();
