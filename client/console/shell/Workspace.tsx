// The signed-in console: the header, the navigation pane, and either the selected view's table
// (with its toolbar) and the preview pane, the Messages page, or (for administrators) the
// Administration page.
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

export function Workspace({ model, session }: { model: ConsoleModel; session: Session }) {
  const chat = model.selected.value;
  const admin = model.screen.value === 'admin' ? model.admin : null;
  const list = model.list;

  return (
    <div class="console">
      <TopBar model={model} session={session} />
      <CustomerDialog model={model.customers} me={{ id: model.me.agent.id, role: model.me.agent.role }} />
      <Nav model={model} />
      {admin ? (
        <main class="main admin-main">
          <Notices model={model} />
          <AdminScreen admin={admin} />
        </main>
      ) : model.screen.value === 'desk' ? (
        <main class="main desk-main">
          <Notices model={model} />
          <DeskScreen
            desk={model.desk}
            me={{ id: model.me.agent.id, supervisor: supervises(model.me.agent.role) }}
            groups={model.groups.value}
            openChat={(chatId) => model.openItem({ kind: 'chat', id: chatId })}
            customers={model.customers}
          />
        </main>
      ) : model.screen.value === 'messages' ? (
        <main class="main admin-main">
          <Notices model={model} />
          <MessagesScreen messages={model.messages} customers={model.customers} />
        </main>
      ) : (
        <main class="main">
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
