// "Send file": a button that opens the file picker (the input itself stays hidden, so there is one
// control to reach by keyboard), the upload's progress in words, and why a file was refused.
import { useRef } from 'preact/hooks';
import { ACCEPTED_TYPES } from './files.ts';
import type { ChatSession } from './chat-session.ts';

export function SendFile({ session }: { session: ChatSession }) {
  const input = useRef<HTMLInputElement>(null);
  const uploading = session.uploading.value;
  const error = session.uploadError.value;

  function onChange(event: Event): void {
    const target = event.currentTarget;
    if (!(target instanceof HTMLInputElement)) return;
    const file = target.files?.[0];
    // Cleared, so choosing the same file again still fires `change`.
    target.value = '';
    if (file) void session.sendFile(file);
  }

  return (
    <div class="send-file">
      <div class="send-file-row">
        <button type="button" class="quiet" disabled={uploading !== null} onClick={() => input.current?.click()}>
          Send file
        </button>
        <input ref={input} type="file" hidden accept={ACCEPTED_TYPES} onChange={onChange} />
        <span class="busy" aria-live="polite">
          {uploading !== null ? `Sending ${uploading}…` : ''}
        </span>
      </div>
      {error ? (
        <p class="notice" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => session.dismissUploadError()}>
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}
