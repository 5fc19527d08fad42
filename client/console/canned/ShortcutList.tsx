// The `#shortcut` list under the reply box, and the assist that joins it to the box
// (client/shared/Composer.tsx): the box keeps its textbox role and says which option is
// highlighted (aria-activedescendant), that it completes from a list (aria-autocomplete), which
// list (aria-controls) and, while it is shown, aria-expanded; focus never leaves the box. A click
// on an option inserts it as Enter does.
import type { ComposerAssist } from '../../shared/Composer.tsx';
import type { OpenChat } from '../chat/chat.ts';
import { cannedOf } from './chat-canned.ts';
import { cannedLibrary } from './library.ts';
import { createShortcutTrigger, type ShortcutTrigger } from './trigger.ts';

const assists = new WeakMap<OpenChat, ComposerAssist>();

/** The reply box's assist for this chat (one per open chat). */
export function shortcutAssist(chat: OpenChat): ComposerAssist {
  let assist = assists.get(chat);
  if (!assist) assists.set(chat, (assist = createAssist(chat)));
  return assist;
}

function createAssist(chat: OpenChat): ComposerAssist {
  const trigger = createShortcutTrigger(cannedOf(chat), cannedLibrary);
  const listId = `shortcuts-${chat.chatId.replace(/[^\w-]/g, '_')}`;
  const optionId = (i: number) => `${listId}-${i}`;
  return {
    boxProps() {
      const open = trigger.open.value;
      return {
        'aria-autocomplete': 'list',
        'aria-controls': open ? listId : undefined,
        'aria-expanded': open ? true : undefined,
        'aria-activedescendant': open ? optionId(trigger.active.value) : undefined,
        onFocus: () => trigger.focused(true),
        onBlur: () => trigger.focused(false),
      };
    },
    keyDown: (event) => !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && trigger.key(event.key),
    popup: () => <ShortcutList trigger={trigger} listId={listId} optionId={optionId} />,
  };
}

function ShortcutList({ trigger, listId, optionId }: { trigger: ShortcutTrigger; listId: string; optionId: (i: number) => string }) {
  const open = trigger.open.value;
  const matches = trigger.matches.value;
  const active = trigger.active.value;
  return (
    <>
      <p class="sr-only" role="status">
        {open ? `${matches.length} canned repl${matches.length === 1 ? 'y' : 'ies'} for #${trigger.token.value?.query ?? ''}: arrow keys to choose, Enter to insert, Escape to close.` : ''}
      </p>
      {open ? (
        <ul id={listId} class="shortcut-list" role="listbox" aria-label="Canned replies">
          {matches.map((reply, i) => (
            <li
              key={reply.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : undefined}
              // The box keeps focus (and its cursor) while the option is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => trigger.choose(i)}
            >
              <span class="shortcut-key">#{reply.shortcut}</span> <span class="shortcut-title">{reply.title}</span>
              {reply.files.length > 0 ? <span class="shortcut-files"> · {reply.files.length} file{reply.files.length === 1 ? '' : 's'}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
