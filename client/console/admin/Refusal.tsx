// A section's last refusal from the server, in its own words, in an alert region; it stays until
// dismissed or the section's next change. Shared by the content sections (KB, links, fields).
import type { Signal } from '@preact/signals';

export function Refusal({ error }: { error: Signal<string | null> }) {
  const message = error.value;
  if (message === null) return null;
  return (
    <p class="notice" role="alert">
      {message}{' '}
      <button type="button" class="link" onClick={() => (error.value = null)}>
        Dismiss
      </button>
    </p>
  );
}
