// The chat pane, in the console's preview or a pop-out window: the chat's header (visitor, email,
// group, status, agent, follow-up), its toolbar, who else on staff is viewing, the sticky comments
// pinned above everything and the note of the latest transfer, the seed's tabs (each shown only
// when it holds something, with its count), the response box and, to its right, the Coaching box
// (staff only). An ended chat has no boxes to write in.
import { Composer } from '../../shared/Composer.tsx';
import type { OpenChat, PaneTab } from './chat.ts';
import { AttachmentsTab } from './record/AttachmentsTab.tsx';
import { CommentDialog } from './record/CommentDialog.tsx';
import { CommentMeta, CommentsTab } from './record/CommentsTab.tsx';
import { FieldsTab } from './record/FieldsTab.tsx';
import { SurveyTab } from './record/SurveyTab.tsx';
import { TimeLogDialog, TimeLogsTab } from './record/TimeLogs.tsx';
import { chatTabs, latestTransferNote, stickyComments } from './tabs/tab-set.ts';
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
import { NewCallLogDialog, NewTaskDialog, NewTicketDialog, RelatedTab, RelateDialog } from './record/ItemDialogs.tsx';
import { CustomerEmail } from '../customers/CustomerEmail.tsx';
import { CannedReplyBar } from '../canned/CannedReplyBar.tsx';
import { cannedOf } from '../canned/chat-canned.ts';
import { shortcutAssist } from '../canned/ShortcutList.tsx';
import { AssistancePanel } from '../assistance/AssistancePanel.tsx';
import { useEffect, useRef } from 'preact/hooks';
import { focusReply, takeReplyFocus } from './chat-shortcuts.ts';

/** The selected tab's content; every tab the pane can show has a case (a new one fails to compile). */
function TabPanel(props: {
  tab: PaneTab;
  chat: OpenChat;
  me: PaneHost['me']['agent'];
  now: number;
  fields: Readonly<Record<string, string>>;
  visitorName: string;
  openItem: PaneHost['openItem'];
}) {
  const { chat, now } = props;
  const events = chat.conversation.events.value;
  switch (props.tab) {
    case 'conversation':
      return <Conversation conversation={chat.conversation} chatId={chat.chatId} />;
    case 'comments':
      return <CommentsTab chat={chat} me={props.me} now={now} />;
    case 'attachments':
      return <AttachmentsTab chatId={chat.chatId} events={events} now={now} />;
    case 'time-logs':
      return <TimeLogsTab chat={chat} me={props.me} now={now} />;
    case 'related':
      return <RelatedTab chat={chat} open={props.openItem} />;
    case 'fields':
      return <FieldsTab chat={chat} fields={props.fields} />;
    case 'history':
      return <History events={events} now={now} />;
    case 'survey':
      return <SurveyTab events={events} now={now} visitorName={props.visitorName} />;
    default: {
      const unhandled: never = props.tab;
      return unhandled;
    }
  }
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
    colleaguesMayTake: host.me.features?.takeFromColleagues ?? false,
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
  const comments = chat.comments.value;
  const fields = snapshot?.fields ?? {};
  const tabs: TabSpec<typeof chat.tab.value>[] = chatTabs({ events, comments, fields, timeLogs: chat.timeLogs.value.length, relatedItems: chat.items.related.value.length });
  const tab = tabs.some((t) => t.id === chat.tab.value) ? chat.tab.value : 'conversation';
  const stickies = stickyComments(comments);
  const customerStickies = chat.customer.value?.stickyComments ?? [];
  const transferNote = latestTransferNote(events, comments);
  const visitorName = snapshot?.visitor.name ?? row?.visitorName ?? 'this customer';
  // Opened with Enter from the list: the cursor goes to the reply box once the chat can be
  // written to, or to the toolbar (Take) once it is clear that it cannot.
  const wantsReplyFocus = useRef<boolean | null>(null);
  wantsReplyFocus.current ??= takeReplyFocus(chat.chatId);
  const synced = conversation.synced.value;
  useEffect(() => {
    if (wantsReplyFocus.current && (can.write || synced) && focusReply()) wantsReplyFocus.current = false;
  }, [can.write, synced]);

  return (
    <article class="pane" aria-labelledby="pane-title" data-chat-id={chat.chatId}>
      <header class="pane-header">
        <div class="pane-who">
          <h2 id="pane-title">{snapshot?.visitor.name ?? row?.visitorName ?? 'Loading chat…'}</h2>
          {row?.visitorEmail ? <CustomerEmail email={row.visitorEmail} customers={host.customers} verified={chat.customer.value?.verified ?? null} /> : null}
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

      {stickies.length > 0 || transferNote || customerStickies.length > 0 ? (
        <section class="pinned" aria-label="Pinned comments">
          {customerStickies.map((c) => (
            <div key={c.id} class="pinned-note sticky-note customer-sticky" data-customer-comment-id={c.id}>
              <p class="comment-meta">
                About the customer · {c.authorName}
              </p>
              <p>{c.text}</p>
            </div>
          ))}
          {transferNote ? (
            <div class="pinned-note transfer-note" data-comment-id={transferNote.id}>
              <CommentMeta comment={transferNote} now={clock} />
              <p>{transferNote.text}</p>
            </div>
          ) : null}
          {stickies.map((c) => (
            <div key={c.id} class="pinned-note sticky-note" data-comment-id={c.id}>
              <CommentMeta comment={c} now={clock} />
              <p>{c.text}</p>
            </div>
          ))}
        </section>
      ) : null}

      {/* The tabs, and beside them the toolbar's Assistance (suggestions for the reply) when shown. */}
      <div class="pane-main">
        <div class="pane-sections">
          <Tabs label="Chat sections" idPrefix={`chat-${chat.chatId}`} tabs={tabs} selected={tab} onSelect={(t) => chat.showTab(t)}>
            <TabPanel tab={tab} chat={chat} me={me} now={clock} fields={fields} visitorName={visitorName} openItem={host.openItem} />
          </Tabs>
        </div>
        <AssistancePanel chat={chat} canInsert={can.write} />
      </div>

      {status === 'ended' ? (
        <p class="pane-ended">This chat has ended.</p>
      ) : (
      <div class="composers">
        <TypingNow draft={conversation.customerDraft.value} visitorName={visitorName} colleagues={conversation.typing.value.filter((p) => p.id !== me.id)} />
        <CannedReplyBar chat={chat} disabled={!can.write} />
        <Composer
          class="reply"
          label="Message"
          button="Send"
          placeholder="Reply to the customer…"
          disabled={!can.write}
          disabledReason={writeBlocker(ctx)}
          draft={chat.replyDraft}
          assist={shortcutAssist(chat)}
          onSend={(text) => {
            conversation.write('send', text);
            // The files of the canned replies this message used follow it.
            void cannedOf(chat).sendQueued();
          }}
          onTyping={(text) => conversation.typed(text)}
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
      )}

      {dialog === 'transfer' ? (
        <TransferDialog
          title="Transfer chat"
          targets={host.targets}
          chatGroupIds={[snapshot?.groupId ?? row?.groupId ?? '']}
          meId={me.id}
          busy={pending === 'transfer'}
          error={chat.actionError.value}
          onSubmit={(to, comment) => void chat.transfer(to, comment)}
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
      {dialog === 'comment' ? (
        <CommentDialog
          now={clock}
          busy={pending === 'comment'}
          error={chat.actionError.value}
          onSave={(comment) => void chat.addComment(comment)}
          onCancel={() => chat.closeDialog()}
        />
      ) : null}
      {dialog === 'time-log' ? <TimeLogDialog chat={chat} /> : null}
      {dialog === 'ticket' ? <NewTicketDialog chat={chat} visitorName={visitorName} meId={me.id} /> : null}
      {dialog === 'task' ? <NewTaskDialog chat={chat} targets={host.targets} groupId={snapshot?.groupId ?? row?.groupId ?? ''} me={me} /> : null}
      {dialog === 'call' ? <NewCallLogDialog chat={chat} visitorName={visitorName} /> : null}
      {dialog === 'relate' ? <RelateDialog chat={chat} /> : null}
      {dialog === 'end' ? (
        <ConfirmDialog
          title="End this chat?"
          message={`The chat with ${visitorName} will end for everyone in it.${chat.actionError.value ? ` ${chat.actionError.value}` : ''}`}
          confirm="End Chat"
          busy={pending === 'end'}
          onConfirm={() => void chat.act('end')}
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

/**
 * What the customer is typing before they send it (a preview, not announced keystroke by
 * keystroke: only "is typing" is), and which colleagues are typing to them.
 */
function TypingNow({ draft, visitorName, colleagues }: { draft: string; visitorName: string; colleagues: readonly { id: string; name: string }[] }) {
  const who = [...(draft.trim() !== '' ? [visitorName] : []), ...colleagues.map((p) => p.name)];
  return (
    <div class="typing-now">
      <p class="typing-line" aria-live="polite">
        {who.length > 0 ? `${who.join(' and ')} ${who.length === 1 ? 'is' : 'are'} typing…` : ''}
      </p>
      {draft.trim() !== '' ? (
        <p class="draft-preview" aria-label={`${visitorName}'s unsent draft`}>
          {draft}
        </p>
      ) : null}
    </div>
  );
}
