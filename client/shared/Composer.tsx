// The text box both clients write messages in: Enter sends, Shift+Enter starts a new line, and
// nothing is sent while an input method is composing. The draft is a model (shared/draft.ts) the
// caller may own, so text can be inserted at the cursor from outside the box; without one the box
// keeps its own. The caller decides what sending means (the conversation's outbox).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import { createDraft, type Draft } from './draft.ts';

export interface ComposerProps {
  /** The textarea's accessible name, e.g. "Message". */
  label: string;
  /** The button's text, e.g. "Send". */
  button: string;
  placeholder?: string;
  disabled?: boolean;
  /** Shown under the box while it is disabled, to say why. */
  disabledReason?: string;
  onSend: (text: string) => void;
  /** Move focus into the box when it appears (e.g. right after the pre-chat form). */
  focusOnMount?: boolean;
  class?: string;
  /** The draft, owned by the caller's model (the open chat); absent: the box's own. */
  draft?: Draft;
  /** The draft's text changed (typed, inserted or cleared): e.g. to say "typing" to the others. */
  onTyping?: (text: string) => void;
  /** Help while typing, e.g. the console's `#shortcut` list of canned replies (the widget has none). */
  assist?: ComposerAssist;
}

/**
 * What an assist brings to the box: attributes for the text box (a suggestion list's
 * aria-activedescendant, focus handlers), a first look at each key (ArrowDown, Enter, Escape
 * while its list is open), and what to draw after the box. Read at each render, so an assist
 * made of signals is followed as it changes.
 */
export interface ComposerAssist {
  boxProps(): JSX.HTMLAttributes<HTMLTextAreaElement>;
  /** True when the assist used the key: the box then does nothing more with it (Enter does not send). */
  keyDown(event: KeyboardEvent): boolean;
  popup(): ComponentChildren;
}

let composerCount = 0;

export function Composer(props: ComposerProps) {
  const [own] = useState(() => createDraft());
  const model = props.draft ?? own;
  const draft = model.text.value;
  const selection = model.selection.value;
  const [id] = useState(() => `composer-${++composerCount}`);
  const box = useRef<HTMLTextAreaElement>(null);
  const canSend = !props.disabled && draft.trim().length > 0;

  // Text inserted from outside moves the cursor: put it where the model says.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && document.activeElement === el && (el.selectionStart !== selection.start || el.selectionEnd !== selection.end)) {
      el.setSelectionRange(selection.start, selection.end);
    }
  }, [selection.start, selection.end]);

  function report(el: HTMLTextAreaElement): void {
    model.typed(el.value, { start: el.selectionStart, end: el.selectionEnd });
  }

  useEffect(() => {
    if (props.focusOnMount) box.current?.focus();
  }, []);

  useEffect(() => {
    props.onTyping?.(draft);
  }, [draft]);

  function send(): void {
    if (!canSend) return;
    props.onSend(draft);
    model.clear();
    box.current?.focus();
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>): void {
    if (!event.isComposing && props.assist?.keyDown(event)) {
      event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send();
  }

  return (
    <form
      class={`composer ${props.class ?? ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="sr-only" for={id}>
        {props.label}
      </label>
      <textarea
        {...props.assist?.boxProps()}
        id={id}
        ref={box}
        rows={2}
        maxLength={MAX_TEXT_LENGTH}
        value={draft}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-describedby={props.disabled && props.disabledReason ? `${id}-why` : undefined}
        onInput={(event) => report(event.currentTarget)}
        onSelect={(event) => report(event.currentTarget)}
        // Moving the cursor with the arrow keys or a click fires neither input nor select: without
        // these, text inserted from outside the box (a suggestion) would land where it last was.
        onKeyUp={(event) => report(event.currentTarget)}
        onMouseUp={(event) => report(event.currentTarget)}
        onKeyDown={onKeyDown}
      />
      {props.assist?.popup()}
      <button type="submit" disabled={!canSend}>
        {props.button}
      </button>
      {props.disabled && props.disabledReason ? (
        <p id={`${id}-why`} class="composer-why">
          {props.disabledReason}
        </p>
      ) : null}
      {draft.length > MAX_TEXT_LENGTH - 200 ? (
        <p class="composer-count" aria-live="polite">
          {MAX_TEXT_LENGTH - draft.length} characters left
        </p>
      ) : null}
    </form>
  );
}
