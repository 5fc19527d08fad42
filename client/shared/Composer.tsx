// The text box both clients write messages in: Enter sends, Shift+Enter starts a new line, and
// nothing is sent while an input method is composing. It holds only the draft; the caller decides
// what sending means (the conversation's outbox).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';

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
}

let composerCount = 0;

export function Composer(props: ComposerProps) {
  const [draft, setDraft] = useState('');
  const [id] = useState(() => `composer-${++composerCount}`);
  const box = useRef<HTMLTextAreaElement>(null);
  const canSend = !props.disabled && draft.trim().length > 0;

  useEffect(() => {
    if (props.focusOnMount) box.current?.focus();
  }, []);

  function send(): void {
    if (!canSend) return;
    props.onSend(draft);
    setDraft('');
    box.current?.focus();
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>): void {
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
        id={id}
        ref={box}
        rows={2}
        maxLength={MAX_TEXT_LENGTH}
        value={draft}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-describedby={props.disabled && props.disabledReason ? `${id}-why` : undefined}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
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
