// What is being typed in a composer, as a model rather than the text box's own state: the text
// and where the cursor (or the selection) is. The open chat owns one per box, so a feature that is
// not the box (a canned reply, an assistance suggestion) can insert text at the cursor, and a
// draft survives the box being drawn again. `insertAt` is pure, tested under Node and Deno.
import { signal, type Signal } from '@preact/signals';

export interface Selection {
  start: number;
  end: number;
}

export interface Draft {
  readonly text: Signal<string>;
  readonly selection: Signal<Selection>;
  /** The person typed (or moved the cursor): the box reports both. */
  typed(text: string, selection: Selection): void;
  /** Puts `snippet` where the cursor is (after a selection, which stays), and the cursor after it. */
  insert(snippet: string): void;
  clear(): void;
}

/**
 * `text` with `snippet` at the cursor; a selection is kept and the snippet goes after it (an
 * insertion never replaces what the person wrote). The cursor lands after the snippet.
 */
export function insertAt(text: string, at: Selection, snippet: string): { text: string; selection: Selection } {
  const start = Math.max(0, Math.min(at.start, text.length));
  const end = Math.max(start, Math.min(at.end, text.length));
  const cursor = end + snippet.length;
  return { text: text.slice(0, end) + snippet + text.slice(end), selection: { start: cursor, end: cursor } };
}

export function createDraft(initial = ''): Draft {
  const text = signal(initial);
  const selection = signal<Selection>({ start: initial.length, end: initial.length });
  return {
    text,
    selection,
    typed(next, at) {
      text.value = next;
      selection.value = at;
    },
    insert(snippet) {
      const out = insertAt(text.value, selection.value, snippet);
      text.value = out.text;
      selection.value = out.selection;
    },
    clear() {
      text.value = '';
      selection.value = { start: 0, end: 0 };
    },
  };
}
