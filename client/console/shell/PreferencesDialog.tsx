// My Preferences (the seed's): open new chats in a pop-out window by themselves, and how I am told
// of a new chat, a chat transferred to me, a chat taken from me and a follow-up falling due: by
// sound, desktop notification (the browser asks permission once) and in-page notice, each its own
// switch. A table of checkboxes with row and column headers, so a screen reader names each one.
import { useState } from 'preact/hooks';
import { DEFAULT_NOTIFICATIONS, NOTIFY_EVENTS, type NotifyChannels } from '../../../objects/rules/preferences.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';
import { EVENT_LABELS, type Notifications } from './notifications.ts';

const CHANNELS: readonly { id: keyof NotifyChannels; label: string }[] = [
  { id: 'sound', label: 'Sound' },
  { id: 'desktop', label: 'Desktop' },
  { id: 'inPage', label: 'In page' },
];

export function PreferencesDialog({ notifications, onClose }: { notifications: Notifications; onClose(): void }) {
  const stored = notifications.preferences.value;
  const [popout, setPopout] = useState(stored.popoutNewChats ?? false);
  const [channels, setChannels] = useState(() => ({ ...DEFAULT_NOTIFICATIONS, ...stored.notifications }));
  const saving = notifications.saving.value;
  return (
    <Dialog title="My Preferences" onCancel={onClose}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await notifications.save({ popoutNewChats: popout, notifications: channels })) onClose();
        }}
      >
        <label class="check">
          <input type="checkbox" checked={popout} onChange={(e) => setPopout(e.currentTarget.checked)} /> Open new chats in a pop-out window
        </label>
        <table class="notify-table">
          <caption>Tell me when…</caption>
          <thead>
            <tr>
              <td />
              {CHANNELS.map((c) => (
                <th key={c.id} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFY_EVENTS.map((event) => (
              <tr key={event}>
                <th scope="row" id={`notify-${event}`}>
                  {EVENT_LABELS[event]}
                </th>
                {CHANNELS.map((c) => (
                  <td key={c.id}>
                    <input
                      type="checkbox"
                      aria-label={`${EVENT_LABELS[event]}: ${c.label}`}
                      checked={channels[event][c.id]}
                      onChange={(e) => setChannels({ ...channels, [event]: { ...channels[event], [c.id]: e.currentTarget.checked } })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <FormActions problem={notifications.problem.value} onCancel={onClose} submit="Save" busyLabel="Saving…" busy={saving} />
      </form>
    </Dialog>
  );
}
