// "Email transcript" in the chat toolbar (ended chats only): a small dialog with the addresses,
// prefilled with the visitor's email, separated by semicolons. It says "Sent" when the server
// accepts, or shows the server's own message (e.g. the chat has not ended) in an alert.
import { useId, useState } from 'preact/hooks';
import { describeError } from '../../shared/api.ts';
import type { OpenChat } from './chat.ts';
import { checkAddresses } from './chat-tools.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';

export function EmailTranscriptButton({ chat, visitorEmail }: { chat: OpenChat; visitorEmail: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Email transcript…
      </button>
      {open ? <EmailTranscriptDialog chat={chat} visitorEmail={visitorEmail} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function EmailTranscriptDialog({ chat, visitorEmail, onClose }: { chat: OpenChat; visitorEmail: string; onClose(): void }) {
  const id = useId();
  const [addresses, setAddresses] = useState(visitorEmail);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  return (
    <Dialog title="Email transcript" onCancel={onClose}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const checked = checkAddresses(addresses);
          setSent(false);
          if (!checked.ok) return setProblem(checked.message);
          setProblem(null);
          setBusy(true);
          try {
            await chat.emailTranscript(checked.addresses);
            setSent(true);
          } catch (error) {
            setProblem(describeError(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for={id}>Email addresses (separate them with ;)</label>
          <input
            id={id}
            type="text"
            autocomplete="off"
            value={addresses}
            aria-invalid={problem ? 'true' : undefined}
            onInput={(e) => setAddresses(e.currentTarget.value)}
          />
        </div>
        <p role="status">{sent ? 'Sent' : ''}</p>
        <FormActions problem={problem} cancel={sent ? 'Close' : 'Cancel'} onCancel={onClose} submit="Send" busyLabel="Sending…" busy={busy} />
      </form>
    </Dialog>
  );
}
