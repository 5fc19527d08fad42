// The preview pane: the open chat's header (visitor, email, group, status, agent), its toolbar
// (Take; Take over for managers and administrators; End Chat), the conversation, the response box
// and the coaching box. Which controls show and are enabled follows the chat's snapshot and who
// is signed in; the server still decides, and its refusal is shown beside the toolbar.
import type { ChatStatus } from '../../objects/protocol.ts';
import { Composer } from '../shared/Composer.tsx';
import type { ConnectionState } from '../shared/socket.ts';
import { isSupervisor, type OpenChat } from './chat.ts';
import { StatusBadge } from './ChatTable.tsx';
import { Conversation } from './Conversation.tsx';
import type { ConsoleModel } from './model.ts';
import { formatDuration, formatStarted, now, queueTime } from './time.ts';

export function ChatPane({ model, chat }: { model: ConsoleModel; chat: OpenChat }) {
  const { conversation, socket } = chat;
  const snapshot = conversation.chat.value;
  const row = model.lists.value.rows.get(chat.chatId) ?? chat.row.value;
  const connection = socket.state.value;
  const online = connection === 'open';
  const meId = model.me.agent.id;
  const status = snapshot?.status ?? row?.status ?? null;
  const mine = snapshot?.agent?.id === meId;
  const supervisor = isSupervisor(model.me.agent.role);
  const pending = chat.pending.value;
  const problem = chat.actionError.value ?? conversation.notice.value;

  const canTake = online && status === 'queued' && pending === null;
  /** Someone else has the chat and I supervise: I may take it over. */
  const othersChat = status === 'active' && snapshot?.agent != null && !mine;
  const showTakeOver = supervisor && othersChat;
  const canEnd = online && status === 'active' && (mine || supervisor) && pending === null;
  const canWrite = status === 'active' && mine;
  const canCoach = status === 'active';

  return (
    <article class="pane" aria-labelledby="pane-title">
      <header class="pane-header">
        <div class="pane-who">
          <h2 id="pane-title">{snapshot?.visitor.name ?? row?.visitorName ?? 'Loading chat…'}</h2>
          {row?.visitorEmail ? (
            <a class="pane-email" href={`mailto:${row.visitorEmail}`}>
              {row.visitorEmail}
            </a>
          ) : null}
        </div>
        <button type="button" class="quiet" aria-label="Close preview" title="Close preview" onClick={() => model.select(null)}>
          ×
        </button>
      </header>

      <dl class="pane-facts">
        <div>
          <dt>Status</dt>
          <dd>{status ? <StatusBadge status={status} /> : '—'}</dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd>{snapshot?.groupName ?? row?.groupName ?? '—'}</dd>
        </div>
        <div>
          <dt>Agent</dt>
          <dd>{snapshot?.agent?.name ?? row?.agentName ?? 'Unassigned'}</dd>
        </div>
        {snapshot ? (
          <div>
            <dt>Started</dt>
            <dd>
              {formatStarted(snapshot.startedAt, now.value)} · queued {formatDuration(queueTime(snapshot, now.value))}
            </dd>
          </div>
        ) : null}
      </dl>

      <div class="toolbar" role="toolbar" aria-label="Chat actions">
        <button type="button" class="primary" disabled={!canTake} onClick={() => void chat.act('take')}>
          Take
        </button>
        {showTakeOver ? (
          <button type="button" disabled={!online || pending !== null} onClick={() => void chat.act('take-over')}>
            Take over
          </button>
        ) : null}
        <button type="button" disabled={!canEnd} onClick={() => void chat.act('end')}>
          End Chat
        </button>
        <span class={`pane-connection conn-${connection}`} aria-live="polite">
          {connectionText(connection)}
        </span>
      </div>

      {problem ? (
        <p class="notice" role="alert">
          {problem}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              chat.dismissActionError();
              conversation.dismissNotice();
            }}
          >
            Dismiss
          </button>
        </p>
      ) : null}

      <Conversation conversation={conversation} />

      <div class="composers">
        <Composer
          class="reply"
          label="Message"
          button="Send"
          placeholder="Reply to the customer…"
          disabled={!canWrite}
          disabledReason={writeBlocker(status, mine, supervisor)}
          onSend={(text) => conversation.write('send', text)}
        />
        <Composer
          class="coaching"
          label="Coaching note"
          button="Coach"
          placeholder="Coach the agent (staff only)…"
          disabled={!canCoach}
          disabledReason="Coaching opens while the chat is active."
          onSend={(text) => conversation.write('coach', text)}
        />
      </div>
    </article>
  );
}

function writeBlocker(status: ChatStatus | null, mine: boolean, supervisor: boolean): string {
  if (status === 'queued') return 'Take the chat to reply.';
  if (status === 'ended') return 'This chat has ended.';
  if (status === 'active' && !mine) return supervisor ? 'Another agent has this chat: take it over to reply.' : 'Another agent has this chat.';
  return 'Loading…';
}

function connectionText(state: ConnectionState): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return '';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'closed':
      return 'This chat is not available.';
  }
}
