// The canned replies this member of staff may insert, read once per page and again when the
// picker opens or the manager changes one: the reply box's `#` trigger matches against it without
// a round trip per key. A model: signals and actions, no DOM. The server decides again on every
// fill, so a list a moment old never lets anyone insert what they may no longer use.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CannedListResponse, CannedReply } from '../../../worker/canned/wire.ts';
import { describeError, getJson } from '../../shared/api.ts';

export interface CannedLibrary {
  replies: ReadonlySignal<readonly CannedReply[]>;
  /** Read at least once (the trigger stays quiet until then). */
  loaded: ReadonlySignal<boolean>;
  /** Why the list could not be read, if it could not. */
  problem: ReadonlySignal<string | null>;
  /** Reads the list now unless it was read already. */
  ensure(): void;
  /** Reads the list again. */
  refresh(): Promise<void>;
}

function createLibrary(): CannedLibrary {
  const replies = signal<readonly CannedReply[]>([]);
  const loaded = signal(false);
  const problem = signal<string | null>(null);
  let reading: Promise<void> | null = null;

  function refresh(): Promise<void> {
    reading ??= getJson<CannedListResponse>('/api/canned?view=use')
      .then(
        (answer) => {
          replies.value = answer.replies;
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
      if (!loaded.value && reading === null) void refresh();
    },
    refresh,
  };
}

/** One per page: every open chat's reply box reads the same list. */
export const cannedLibrary: CannedLibrary = createLibrary();
