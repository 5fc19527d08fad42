// The reply box's `#shortcut` trigger: typing `#` and a few letters opens a list of the canned
// replies whose shortcut matches; ArrowUp and ArrowDown move, Enter or Tab inserts (in place of
// the `#…` typed, keeping the rest of the draft), Escape closes until the token changes. A model
// of signals over the draft and the library; the list is drawn by ShortcutList.tsx.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { CannedReply } from '../../../worker/canned/wire.ts';
import type { ChatCanned } from './chat-canned.ts';
import type { CannedLibrary } from './library.ts';
import { matchShortcuts, shortcutToken, type ShortcutToken } from './rules.ts';

export interface ShortcutTrigger {
  token: ReadonlySignal<ShortcutToken | null>;
  matches: ReadonlySignal<readonly CannedReply[]>;
  /** The list is shown: the box has focus, a token is typed, something matches, and it was not dismissed. */
  open: ReadonlySignal<boolean>;
  /** The highlighted match (0 when the list opens or its query changes). */
  active: ReadonlySignal<number>;
  focused(on: boolean): void;
  /** A key in the box: true when the trigger used it. */
  key(key: string): boolean;
  choose(index: number): void;
}

export function createShortcutTrigger(canned: ChatCanned, library: CannedLibrary): ShortcutTrigger {
  const { draft } = canned;
  const hasFocus = signal(false);
  const token = computed(() => shortcutToken(draft.text.value, draft.selection.value));
  const tokenKey = computed(() => (token.value ? `${token.value.start}:${token.value.query}` : null));
  const matches = computed(() => (token.value ? matchShortcuts(library.replies.value, token.value.query) : []));
  const dismissed = signal<string | null>(null);
  const moved = signal<{ key: string | null; index: number }>({ key: null, index: 0 });
  const open = computed(() => hasFocus.value && !canned.filling.value && tokenKey.value !== null && tokenKey.value !== dismissed.value && matches.value.length > 0);
  const active = computed(() => (moved.value.key === tokenKey.value ? Math.min(moved.value.index, matches.value.length - 1) : 0));

  function choose(index: number): void {
    const t = token.value;
    const reply = matches.value[index];
    if (!t || !reply) return;
    void canned.insert(reply, { start: t.start, end: t.end, text: draft.text.value.slice(t.start, t.end) });
  }

  return {
    token,
    matches,
    open,
    active,
    focused(on) {
      hasFocus.value = on;
      if (on) library.ensure();
    },
    key(key) {
      // While a reply is being filled, Enter would send the draft with its `#…` still in it.
      if (canned.filling.value) return key === 'Enter';
      if (!open.value) return false;
      const n = matches.value.length;
      switch (key) {
        case 'ArrowDown':
        case 'ArrowUp':
          moved.value = { key: tokenKey.value, index: (active.value + (key === 'ArrowDown' ? 1 : n - 1)) % n };
          return true;
        case 'Enter':
        case 'Tab':
          choose(active.value);
          return true;
        case 'Escape':
          dismissed.value = tokenKey.value;
          return true;
        default:
          return false;
      }
    },
    choose,
  };
}
