// The chat pane, in the console's preview or a pop-out window: the chat's header (visitor, email,
// group, status, agent, follow-up), its toolbar, who else on staff is viewing, the Conversation
// and History tabs, the response box and, to its right, the Coaching box (staff only).
import type { ChatEvent } from '../../../objects/protocol.ts';
import { Composer } from '../../shared/Composer.tsx';
import type { OpenChat, PaneTab } from './chat.ts';
import { toolAbilities } from './chat-tools.ts';
import { ChatToolbar } from './ChatToolbar.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Conversation } from './Conversation.tsx';
import { FollowUpDialog } from './FollowUpDialog.tsx';
import { History } from './tabs/History.tsx';
import type { PaneHost } from './pane-host.ts';
import { paneAbilities, type PaneContext, writeBlocker } from './pane-rules.ts';
import { STATUS_LABELS } from '../lists/status.ts';
import { type TabSpec, Tabs } from './tabs/Tabs.tsx';
import { formatDuration, formatStarted, now, queueTime } from '../ui/time.ts';
import { TransferDialog } from './TransferDialog.tsx';

function tabsFor(events: readonly ChatEvent[]): TabSpec<PaneTab>[] {
  const tabs: TabSpec<PaneTab>[] = [{ id: 'conversation', label: 'Conversation' }];
  if (events.length > 0) tabs.push({ id: 'history', label: 'History' });
  return tabs;
}

export function ChatPane({ host, chat }: { host: PaneHost; chat: OpenChat }) {
  const { conversation } = chat;
  const snapshot = conversation.chat.value;
  const events = conversation.events.value;
  const row = host.rowOf(chat.chatId) ?? chat.row.value;
  const me = host.me.agent;
  const pending = chat.pending.value;
  const ctx: PaneContext = {
    chat: snapshot,
    meId: me.id,
    rank: me.role,
    joined: new Set(snapshot?.joined.map((p) => p.id) ?? []),
    online: chat.socket.state.value === 'open',
    busy: pending !== null,
  };
  const can = paneAbilities(ctx);
  const tools = toolAbilities(ctx);
  const status = snapshot?.status ?? row?.status ?? null;
  // The snapshot is the chat's own word; the list row stands in until the socket has answered.
  const followUp = snapshot ? snapshot.followUpAt : (row?.followUpAt ?? null);
  const clock = now.value;
  const dialog = chat.dialog.value;
  const problem = dialog === null ? (chat.actionError.value ?? conversation.notice.value) : conversation.notice.value;
  const others = conversation.viewers.value.filter((p) => p.id !== me.id);
  const tabs = tabsFor(events);
  const tab = tabs.some((t) => t.id === chat.tab.value) ? chat.tab.value : 'conversation';

  return (
    <article class="pane" aria-labelledby="pane-title" data-chat-id={chat.chatId}>
      <header class="pane-header">
        <div class="pane-who">
          <h2 id="pane-title">{snapshot?.visitor.name ?? row?.visitorName ?? 'Loading chat…'}</h2>
          {row?.visitorEmail ? (
            <a class="pane-email" href={`mailto:${row.visitorEmail}`}>
              {row.visitorEmail}
            </a>
          ) : null}
        </div>
        <button type="button" class="quiet" aria-label={host.inPopout ? 'Close window' : 'Close preview'} onClick={() => host.close()}>
          ×
        </button>
      </header>

      <dl class="pane-facts">
        <div>
          <dt>Status</dt>
          <dd>{status ? <span class={`badge badge-${status}`}>{STATUS_LABELS[status]}</span> : '—'}</dd>
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
              {formatStarted(snapshot.startedAt, clock)} · queued {formatDuration(queueTime(snapshot, clock))}
            </dd>
          </div>
        ) : null}
        {followUp !== null ? (
          <div>
            <dt>Follow-up</dt>
            <dd class={followUp <= clock ? 'follow-up-due' : undefined}>
              {followUp <= clock ? 'Due since ' : ''}
              {formatStarted(followUp, clock)}
            </dd>
          </div>
        ) : null}
      </dl>

      <ChatToolbar
        chat={chat}
        can={can}
        tools={tools}
        inPopout={host.inPopout}
        translation={host.me.features?.translation ?? false}
        visitorEmail={row?.visitorEmail ?? ''}
      />

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

      <p class="viewers" aria-live="polite">
        {others.length > 0 ? `Also viewing: ${others.map((p) => p.name).join(', ')}` : ''}
      </p>

      <Tabs label="Chat sections" idPrefix={`chat-${chat.chatId}`} tabs={tabs} selected={tab} onSelect={(t) => chat.showTab(t)}>
        {tab === 'history' ? <History events={events} now={clock} /> : <Conversation conversation={conversation} chatId={chat.chatId} />}
      </Tabs>

      <div class="composers">
        <Composer
          class="reply"
          label="Message"
          button="Send"
          placeholder="Reply to the customer…"
          disabled={!can.write}
          disabledReason={writeBlocker(ctx)}
          draft={chat.replyDraft}
          onSend={(text) => conversation.write('send', text)}
        />
        <section class="coaching-box" aria-label="Coaching">
          <p class="coaching-title">
            Coaching <span>· only staff see this</span>
          </p>
          <Composer
            class="coaching"
            label="Coaching"
            button="Coach"
            placeholder="Coach the agent…"
            disabled={!can.coach}
            disabledReason="Coaching opens while the chat is active."
            draft={chat.coachDraft}
            onSend={(text) => conversation.write('coach', text)}
          />
        </section>
      </div>

      {dialog === 'transfer' ? (
        <TransferDialog
          title="Transfer chat"
          targets={host.targets}
          chatGroupIds={[snapshot?.groupId ?? row?.groupId ?? '']}
          meId={me.id}
          busy={pending === 'transfer'}
          error={chat.actionError.value}
          onSubmit={(to) => void chat.transfer(to)}
          onCancel={() => chat.closeDialog()}
        />
      ) : null}
      {dialog === 'follow-up' ? (
        <FollowUpDialog
          current={followUp}
          now={clock}
          busy={pending === 'follow-up'}
          error={chat.actionError.value}
          onSave={(at) => void chat.setFollowUp(at)}
          onCancel={() => chat.closeDialog()}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete this chat?"
          message={`The chat with ${snapshot?.visitor.name ?? row?.visitorName ?? 'this customer'} and its transcript cannot be restored.${chat.actionError.value ? ` ${chat.actionError.value}` : ''}`}
          confirm="Delete Chat"
          busy={pending === 'delete'}
          onConfirm={() => void chat.remove()}
          onCancel={() => chat.closeDialog()}
        />
      ) : null}
    </article>
  );
}
