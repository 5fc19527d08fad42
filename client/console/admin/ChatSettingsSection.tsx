// The deployment's chat settings (administrators): the idle thresholds behind the lists' yellow
// and red, and whether agents may take a chat from a colleague (managers and administrators
// always may), and how long completed chats are kept. Read when the page opens; the server checks
// the values and its refusal is shown.
import { useEffect, useId, useState } from 'preact/hooks';
import type { SettingsResponse } from '../../../worker/settings/routes.ts';
import { describeError, getJson, putJson } from '../../shared/api.ts';

type Settings = SettingsResponse['settings'];

export function ChatSettingsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const warnId = useId();
  const highId = useId();
  const keepId = useId();
  useEffect(() => {
    getJson<SettingsResponse>('/api/admin/settings').then(
      (r) => setSettings(r.settings),
      (error: unknown) => setMessage({ ok: false, text: describeError(error) }),
    );
  }, []);
  return (
    <section class="admin-section" aria-labelledby="admin-chat-settings">
      <h2 id="admin-chat-settings">Chat settings</h2>
      {settings === null ? (
        <p>{message?.text ?? 'Loading…'}</p>
      ) : (
        <form
          class="admin-form"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            try {
              setSettings((await putJson<SettingsResponse>('/api/admin/settings', settings)).settings);
              setMessage({ ok: true, text: 'Settings saved.' });
            } catch (error) {
              setMessage({ ok: false, text: describeError(error) });
            } finally {
              setBusy(false);
            }
          }}
        >
          <div class="field">
            <label for={warnId}>Idle warning after (seconds)</label>
            <input id={warnId} type="number" min={1} max={86400} value={settings.idleWarningSeconds} onInput={(e) => setSettings({ ...settings, idleWarningSeconds: Number(e.currentTarget.value) })} />
          </div>
          <div class="field">
            <label for={highId}>High idle after (seconds)</label>
            <input id={highId} type="number" min={1} max={86400} value={settings.idleHighSeconds} onInput={(e) => setSettings({ ...settings, idleHighSeconds: Number(e.currentTarget.value) })} />
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.agentsMayTakeFromColleagues}
              onChange={(e) => setSettings({ ...settings, agentsMayTakeFromColleagues: e.currentTarget.checked })}
            />{' '}
            Agents may take chats from colleagues
          </label>
          <div class="field">
            <label for={keepId}>Delete completed chats, with their files, after (days; empty: keep them)</label>
            <input
              id={keepId}
              type="number"
              min={1}
              max={3650}
              value={settings.retentionDays ?? ''}
              onInput={(e) => setSettings({ ...settings, retentionDays: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
            />
            <p class="hint">Checked once a day (the Cron Trigger in wrangler.toml).</p>
          </div>
          <button type="submit" class="primary" disabled={busy}>
            Save settings
          </button>
          {message ? (
            <p class={message.ok ? 'saved' : 'notice'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
