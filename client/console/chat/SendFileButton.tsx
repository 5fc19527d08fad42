// "Send file" in the chat toolbar: a visible button that opens a hidden file picker; the file's
// type and size are checked here first (the server's limits, objects/protocol.ts), then it is sent
// as the raw body. The file arrives in the conversation as an event; refusals show in an alert.
import { useRef, useState } from 'preact/hooks';
import { describeError } from '../../shared/api.ts';
import type { OpenChat } from './chat.ts';
import { ALLOWED_FILE_TYPES, fileProblem } from '../../../objects/rules/files.ts';

export function SendFileButton({ chat, enabled }: { chat: OpenChat; enabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState('');

  async function send(file: File): Promise<void> {
    setSent('');
    const bad = fileProblem(file);
    setProblem(bad);
    if (bad) return;
    setSending(true);
    try {
      await chat.sendFile(file);
      setSent(`${file.name} was sent.`);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        accept={ALLOWED_FILE_TYPES.join(',')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void send(file);
        }}
      />
      <button type="button" disabled={!enabled || sending} onClick={() => input.current?.click()}>
        {sending ? 'Sending file…' : 'Send file'}
      </button>
      {problem ? (
        <span class="notice" role="alert">
          {problem}{' '}
          <button type="button" class="link" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </span>
      ) : null}
      <span class="sr-only" role="status">
        {sent}
      </span>
    </>
  );
}
