// Insert Canned Reply (the seed's): a dialog with a search box over the replies this person may
// insert, grouped by folder, and the highlighted one's text and files. Double-clicking a reply
// (or Enter in the search box, or Insert) fills it for the chat and inserts it at the reply box's
// cursor; the dialog closes and the box has focus again, so another can follow. The search box
// is a combobox over the list: arrow keys move, focus stays in the box.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatSize } from '../../../objects/rules/files.ts';
import { SCOPE_LABELS } from '../../../objects/rules/canned.ts';
import type { CannedReply } from '../../../worker/canned/wire.ts';
import { Dialog } from '../ui/Dialog.tsx';
import type { ChatCanned } from './chat-canned.ts';
import { cannedLibrary } from './library.ts';
import { byFolder, searchReplies } from './rules.ts';

export function scopeText(reply: CannedReply): string {
  return reply.scope === 'group' ? `${SCOPE_LABELS.group}: ${reply.groupName ?? 'a group'}` : SCOPE_LABELS[reply.scope];
}

export function CannedPicker({ canned, onClose }: { canned: ChatCanned; onClose(inserted: boolean): void }) {
  const [search, setSearch] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  useEffect(() => void cannedLibrary.refresh(), []);
  const usable = cannedLibrary.replies.value.filter((r) => r.mayUse);
  const folders = byFolder(searchReplies(usable, search));
  const flat = folders.flatMap((f) => f.replies);
  const active = flat.find((r) => r.id === activeId) ?? flat[0] ?? null;
  const filling = canned.filling.value;
  const listId = `canned-picker-${canned.chatId.replace(/[^\w-]/g, '_')}`;
  const optionId = (r: CannedReply) => `${listId}-${r.id}`;

  async function insert(reply: CannedReply | null): Promise<void> {
    if (reply && (await canned.insert(reply))) onClose(true);
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLInputElement>): void {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && flat.length > 0) {
      event.preventDefault();
      const at = active ? flat.indexOf(active) : -1;
      const next = event.key === 'ArrowDown' ? Math.min(flat.length - 1, at + 1) : Math.max(0, at - 1);
      setActiveId(flat[next]!.id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void insert(active);
    }
  }

  return (
    <Dialog title="Insert Canned Reply" class="canned-picker" onCancel={() => onClose(false)}>
      <div class="dialog-form">
        <div class="field">
          <label for={`${listId}-search`}>Search canned replies</label>
          <input
            id={`${listId}-search`}
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active ? optionId(active) : undefined}
            autocomplete="off"
            value={search}
            onInput={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={onKeyDown}
            // The dialog opens with focus here (the first focusable control).
          />
          <span class="hint">Double-click a reply, or choose one and press Enter, to insert it at the cursor.</span>
        </div>
        <div class="canned-picker-body">
          <div class="canned-list">
            {!cannedLibrary.loaded.value && cannedLibrary.problem.value === null ? <p class="hint">Loading canned replies…</p> : null}
            {cannedLibrary.loaded.value && flat.length === 0 ? (
              <p class="hint">{usable.length === 0 ? 'No canned replies yet: add your own under Canned Replies… in your account menu.' : 'No canned reply matches.'}</p>
            ) : null}
            <div id={listId} role="listbox" aria-label="Canned replies">
            {folders.map((folder, f) => (
              <div key={folder.name} role="group" aria-labelledby={`${listId}-folder-${f}`} class="canned-folder">
                <div id={`${listId}-folder-${f}`} role="presentation" class="canned-folder-name">
                  {folder.name || 'Unfiled'}
                </div>
                {folder.replies.map((reply) => (
                  <div
                    key={reply.id}
                    id={optionId(reply)}
                    role="option"
                    aria-selected={reply === active}
                    class={`canned-option${reply === active ? ' active' : ''}`}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => setActiveId(reply.id)}
                    onDblClick={() => void insert(reply)}
                  >
                    <span class="canned-option-title">{reply.title}</span>
                    {reply.shortcut ? <span class="shortcut-key">#{reply.shortcut}</span> : null}
                    {reply.files.length > 0 ? <span class="hint"> · {reply.files.length} file{reply.files.length === 1 ? '' : 's'}</span> : null}
                  </div>
                ))}
              </div>
            ))}
            </div>
          </div>
          {active ? (
            <section class="canned-preview" aria-label="Preview">
              <p class="hint">
                {scopeText(active)}
                {active.shortcut ? ` · #${active.shortcut}` : ''}
              </p>
              <p class="canned-preview-body">{active.body}</p>
              {active.files.length > 0 ? (
                <ul class="canned-preview-files" aria-label="Files sent with it">
                  {active.files.map((f) => (
                    <li key={f.id}>
                      {f.filename} <span class="hint">({formatSize(f.size)})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}
        </div>
        {canned.problem.value ?? cannedLibrary.problem.value ? (
          <p class="notice" role="alert">
            {canned.problem.value ?? cannedLibrary.problem.value}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={!active || filling} onClick={() => void insert(active)}>
            {filling ? 'Inserting…' : 'Insert'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
