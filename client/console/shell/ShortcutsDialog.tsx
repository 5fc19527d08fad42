// `?`: every keyboard shortcut of the console, in a dialog (Escape or Close closes it).
import { Dialog } from '../ui/Dialog.tsx';
import { SHORTCUT_HELP } from './shortcuts.ts';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onCancel={onClose} class="shortcuts-dialog">
      <p>In the chat list, and anywhere outside a text box:</p>
      <table class="shortcuts">
        <caption class="sr-only">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_HELP.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        <button type="button" class="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
