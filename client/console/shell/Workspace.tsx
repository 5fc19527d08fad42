// The signed-in console: a skip link, the header, the navigation pane, and either the selected
// view's table (with its toolbar) and the preview pane, the Messages page, or (for administrators)
// the Administration page. The keyboard shortcuts (shortcuts.ts) are answered here; `?` lists them.
import { AdminScreen } from '../admin/AdminScreen.tsx';
import { ChatPane } from '../chat/ChatPane.tsx';
import { ChatTable } from '../lists/ChatTable.tsx';
import { ListToolbar } from '../lists/ListToolbar.tsx';
import { MessagesScreen } from '../messages/MessagesScreen.tsx';
import { DeskScreen } from '../desk/DeskScreen.tsx';
import { supervises } from '../../../objects/rules/ranks.ts';
import type { ConsoleModel } from './model.ts';
import { Nav } from './Nav.tsx';
import type { Session } from './sign-in.ts';
import { TopBar } from './TopBar.tsx';
import { Notices } from './Notices.tsx';
import { viewTitle } from '../lists/views.ts';
import { CustomerDialog } from '../customers/CustomerDialog.tsx';
import { useEffect, useState } from 'preact/hooks';
import { shortcutOf } from './shortcuts.ts';
import { runChatShortcut } from '../chat/chat-shortcuts.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { Splitter } from '../lists/Splitter.tsx';
import { SearchScreen } from '../search/SearchScreen.tsx';

/** The list's share when the person has not dragged the split: as the stylesheet lays it out. */
function layoutShare(): number {
  return window.matchMedia('(min-width: 1500px)').matches ? 55 : 42;
}

/** The skip link's target: the open chat's row or the list's first, else the page's main region. */
function skipToMain(event: Event): void {
  event.preventDefault();
  const row =
    document.querySelector<HTMLElement>('table.chats tbody tr[data-chat-id][aria-current="true"]') ??
    document.querySelector<HTMLElement>('table.chats tbody tr[data-chat-id]');
  (row ?? document.querySelector<HTMLElement>('main'))?.focus();
}

export function Workspace({ model, session }: { model: ConsoleModel; session: Session }) {
  const chat = model.selected.value;
  const admin = model.screen.value === 'admin' ? model.admin : null;
  const list = model.list;
  const [helpOpen, setHelpOpen] = useState(false);
  // Narrow screens: the navigation folds behind Menu and closes once a place in it is chosen.
  const [navOpen, setNavOpen] = useState(false);
  const place = `${model.screen.value}:${JSON.stringify(list.view.value)}`;
  useEffect(() => setNavOpen(false), [place]);

  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      // A dialog that is open has the keyboard to itself.
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const shortcut = shortcutOf({ key: event.key, ctrlKey: event.ctrlKey, altKey: event.altKey, metaKey: event.metaKey, target });
      if (shortcut === null) return;
      if (shortcut === 'help') setHelpOpen(true);
      else if (!runChatShortcut(shortcut)) return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class={`console ${navOpen ? 'nav-open' : ''}`}>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      {helpOpen ? <ShortcutsDialog onClose={() => setHelpOpen(false)} /> : null}
      <TopBar model={model} session={session} navOpen={navOpen} onToggleNav={() => setNavOpen(!navOpen)} />
      <CustomerDialog model={model.customers} me={{ id: model.me.agent.id, role: model.me.agent.role }} />
      <Nav model={model} />
      {admin ? (
        <main id="main" tabIndex={-1} class="main admin-main">
          <Notices model={model} />
          <AdminScreen admin={admin} />
        </main>
      ) : model.screen.value === 'desk' ? (
        <main id="main" tabIndex={-1} class="main desk-main">
          <Notices model={model} />
          <DeskScreen
            desk={model.desk}
            me={{ id: model.me.agent.id, supervisor: supervises(model.me.agent.role) }}
            groups={model.groups.value}
            openChat={(chatId) => model.openItem({ kind: 'chat', id: chatId })}
            customers={model.customers}
          />
        </main>
      ) : model.screen.value === 'search' ? (
        <main id="main" tabIndex={-1} class="main search-main">
          <Notices model={model} />
          <SearchScreen
            search={model.search}
            groups={model.groups.value}
            people={[{ id: model.me.agent.id, name: `${model.me.agent.name} (me)` }, ...model.team.list.value.map((m) => ({ id: m.id, name: m.name }))]}
          />
        </main>
      ) : model.screen.value === 'messages' ? (
        <main id="main" tabIndex={-1} class="main admin-main">
          <Notices model={model} />
          <MessagesScreen messages={model.messages} customers={model.customers} />
        </main>
      ) : (
        <main
          id="main"
          tabIndex={-1}
          class={`main ${chat ? 'has-chat' : ''} ${model.fields.listShare.value === null ? '' : 'has-split'}`}
          style={model.fields.listShare.value === null ? undefined : { '--list-share': `${model.fields.listShare.value}%` }}
        >
          <section class="list" aria-labelledby="list-title">
            <div class="list-head">
              <h1 id="list-title">{viewTitle(list.view.value, model.groupName)}</h1>
              <Notices model={model} />
              {model.lobbyNotice.value ? (
                <p class="notice" role="alert">
                  {model.lobbyNotice.value}{' '}
                  <button type="button" class="link" onClick={() => model.dismissLobbyNotice()}>
                    Dismiss
                  </button>
                </p>
              ) : null}
              {list.error.value ? (
                <p class="notice" role="alert">
                  {list.error.value}{' '}
                  <button type="button" class="link" onClick={() => void list.refresh()}>
                    Try again
                  </button>
                </p>
              ) : null}
            </div>
            <ListToolbar model={model} />
            <ChatTable model={model} />
          </section>
          <Splitter share={model.fields.listShare.value} fallback={layoutShare()} onChange={(percent, keep) => void model.fields.setListShare(percent, keep)} />
          <section class="preview" aria-label="Chat preview">
            {chat ? (
              <ChatPane key={chat.chatId} host={model.paneHost} chat={chat} />
            ) : (
              <p class="preview-empty">Select a chat to see the conversation.</p>
            )}
          </section>
        </main>
      )}
    </div>
  );
}
