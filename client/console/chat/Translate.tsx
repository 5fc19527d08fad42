// "Translate" in the chat toolbar (ended chats only): asks for a language code and shows the
// conversation's lines translated next to the originals. Where the deployment has no translator
// (`features.translation` false) the button stays disabled and says why, next to it.
import { useId, useState } from 'preact/hooks';
import { describeError, type TranslatedLine } from '../../shared/api.ts';
import type { OpenChat } from './chat.ts';
import { isLanguageTag } from '../../../objects/rules/language.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';

export function TranslateButton({ chat, available }: { chat: OpenChat; available: boolean }) {
  const chatId = chat.chatId;
  const [open, setOpen] = useState(false);
  if (!available) {
    return (
      <>
        <button type="button" disabled aria-describedby={`no-translation-${chatId}`}>
          Translate
        </button>
        <span id={`no-translation-${chatId}`} class="chat-tools-note">
          Translation is not configured
        </span>
      </>
    );
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Translate…
      </button>
      {open ? <TranslateDialog chat={chat} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function TranslateDialog({ chat, onClose }: { chat: OpenChat; onClose(): void }) {
  const id = useId();
  const [language, setLanguage] = useState('en');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [lines, setLines] = useState<readonly TranslatedLine[] | null>(null);
  return (
    <Dialog title="Translate conversation" onCancel={onClose}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!isLanguageTag(language.trim())) return setProblem('Enter a language code such as "en", "de" or "pt-BR".');
          setProblem(null);
          setBusy(true);
          try {
            setLines(await chat.translate(language.trim()));
          } catch (error) {
            setProblem(describeError(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for={id}>Language code</label>
          <input id={id} type="text" autocomplete="off" spellcheck={false} value={language} onInput={(e) => setLanguage(e.currentTarget.value)} />
        </div>
        {lines ? (
          lines.length === 0 ? (
            <p role="status">There are no messages to translate.</p>
          ) : (
            <ol class="translated-lines" aria-label="Translated messages">
              {lines.map((l) => (
                <li key={l.seq}>
                  <strong>{l.from}:</strong> {l.translated}
                  {l.translated !== l.original ? <div class="muted">{l.original}</div> : null}
                </li>
              ))}
            </ol>
          )
        ) : null}
        <FormActions problem={problem} cancel="Close" onCancel={onClose} submit="Translate" busyLabel="Translating…" busy={busy} />
      </form>
    </Dialog>
  );
}
