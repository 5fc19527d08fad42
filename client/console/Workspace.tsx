// The signed-in console: a header with the live connection state and Sign out, the navigation
// pane (My Active, My Completed, Queue), the selected view's table and the preview pane.
import type { ConnectionState } from '../shared/socket.ts';
import { ChatPane } from './ChatPane.tsx';
import { ChatTable } from './ChatTable.tsx';
import type { ConsoleModel } from './model.ts';
import type { Session } from './session.ts';
import { PRESENCE_LABELS } from './team.ts';
import { VIEWS, viewInfo } from './views.ts';

export function Workspace({ model, session }: { model: ConsoleModel; session: Session }) {
  const { agent } = model.me;
  const groups = model.groups.value;
  const mine = model.team.mine.value;
  const team = model.team.list.value;
  const view = model.view.value;
  const live = model.lobbyState.value;
  const queued = model.queueCount.value;
  const chat = model.selected.value;

  return (
    <div class="console">
      <header class="topbar">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" /> Switchboard
        </p>
        <p class={`live live-${live}`} aria-live="polite">
          <span class="live-dot" aria-hidden="true" />
          {liveText(live)}
        </p>
        <p class="whoami">
          {agent.name} <span class="role">{agent.role}</span>
        </p>
        <label class="presence-pick">
          <span class={`dot dot-${mine}`} aria-hidden="true" />
          <span class="sr-only">My status</span>
          <select
            value={mine === 'away' ? 'away' : 'online'}
            disabled={live !== 'open'}
            onChange={(event) => model.setPresence(event.currentTarget.value === 'away' ? 'away' : 'online')}
          >
            <option value="online">Online</option>
            <option value="away">Away</option>
          </select>
        </label>
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </header>

      <nav class="nav" aria-label="Live chats">
        <h2 class="nav-title">Live Chats</h2>
        <ul>
          {VIEWS.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class={item.id === view ? 'current' : undefined}
                aria-current={item.id === view ? 'page' : undefined}
                onClick={() => model.showView(item.id)}
              >
                {item.label}
                {item.id === 'queued' && queued > 0 ? (
                  <span class="count" aria-hidden="true">
                    {queued}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
        <p class="sr-only" aria-live="polite">
          {queued === 1 ? '1 chat waiting in the queue' : `${queued} chats waiting in the queue`}
        </p>
        <h2 class="nav-title">My groups</h2>
        <ul class="groups">
          {groups.length === 0 ? <li>You are not in any group yet.</li> : groups.map((g) => <li key={g.id}>{g.name}</li>)}
        </ul>
        {team.length > 0 ? (
          <>
            <h2 class="nav-title">Team</h2>
            <ul class="groups team">
              {team.map((member) => (
                <li key={member.id}>
                  <span class={`dot dot-${member.presence}`} aria-hidden="true" /> {member.name}{' '}
                  <span class="sr-only">({PRESENCE_LABELS[member.presence]})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </nav>

      <main class="main">
        <section class="list" aria-labelledby="list-title">
          <div class="list-head">
            <h1 id="list-title">{viewInfo(view).label}</h1>
            {model.lobbyNotice.value ? (
              <p class="notice" role="alert">
                {model.lobbyNotice.value}{' '}
                <button type="button" class="link" onClick={() => model.dismissLobbyNotice()}>
                  Dismiss
                </button>
              </p>
            ) : null}
            {model.listError.value ? (
              <p class="notice" role="alert">
                {model.listError.value}{' '}
                <button type="button" class="link" onClick={() => void model.refresh()}>
                  Try again
                </button>
              </p>
            ) : null}
          </div>
          <ChatTable model={model} />
        </section>
        <section class="preview" aria-label="Chat preview">
          {chat ? (
            <ChatPane key={chat.chatId} model={model} chat={chat} />
          ) : (
            <p class="preview-empty">Select a chat to see the conversation.</p>
          )}
        </section>
      </main>
    </div>
  );
}

function liveText(state: ConnectionState): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'closed':
      return 'Offline';
  }
}
