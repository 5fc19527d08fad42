// The preview pane's toolbar, as the seed lists it and the server supports it: Take, Take over
// (managers and administrators; agents where the administrator allows it), Join (staff who are
// not the assigned agent), End Chat (after a confirmation), Transfer, Add (Comment, Related Item,
// New Task, New Time Log, New Ticket, New Call Log), Follow-up, Insert Canned Reply (while the reply box is open),
// Assistance (shows or hides the panel of suggested articles and resolutions),
// Send file, Email transcript and Translate (ended chats), Delete Chat (completed chats only),
// Print, Pop-out and Actions (manual events, with the last run's report under the toolbar). A button that does not apply is hidden, not shown
// disabled (pane-rules.ts and chat-tools.ts decide); the server still decides and its refusal is
// shown under the toolbar (or by the tool itself).
import type { ConnectionState } from '../../shared/socket.ts';
import type { OpenChat } from './chat.ts';
import type { ToolAbilities } from './chat-tools.ts';
import { EmailTranscriptButton } from './EmailTranscript.tsx';
import { SendFileButton } from './SendFileButton.tsx';
import { TranslateButton } from './Translate.tsx';
import { openPopout, openPrint } from '../shell/page-mode.ts';
import type { PaneAbilities } from './pane-rules.ts';
import { type MenuItem, MenuButton } from '../ui/MenuButton.tsx';
import { TimerButton } from './record/TimeLogs.tsx';
import { ChatActionsMenu, ChatRunReport } from '../manual-events/ActionsMenu.tsx';
import { now } from '../ui/time.ts';
import { cannedOf } from '../canned/chat-canned.ts';
import { AssistanceButton } from '../assistance/AssistancePanel.tsx';
import { useEffect } from 'preact/hooks';
import { registerChatShortcuts } from './chat-shortcuts.ts';
import { KEY_OF } from '../shell/shortcuts.ts';

export interface ChatToolbarProps {
  chat: OpenChat;
  can: PaneAbilities;
  tools: ToolAbilities;
  inPopout: boolean;
  /** This deployment can translate (`/api/me` features). */
  translation: boolean;
  visitorEmail: string;
}

export function ChatToolbar({ chat, can, tools, inPopout, translation, visitorEmail }: ChatToolbarProps) {
  const pending = chat.pending.value;
  // The keyboard does what the enabled buttons do, nothing more (client/console/shell/shortcuts.ts).
  const canTake = can.showTake && can.take;
  const canEnd = can.showEnd && can.end;
  const canTransfer = can.showTransfer && can.transfer;
  useEffect(
    () =>
      registerChatShortcuts({
        ...(canTake ? { take: () => void chat.act('take') } : {}),
        ...(canEnd ? { end: () => chat.openDialog('end') } : {}),
        ...(canTransfer ? { transfer: () => chat.openDialog('transfer') } : {}),
        comment: () => chat.openDialog('comment'),
        ...(can.write ? { canned: () => cannedOf(chat).openPicker() } : {}),
      }),
    [chat, canTake, canEnd, canTransfer, can.write],
  );
  const connection = chat.socket.state.value;
  const addItems: MenuItem[] = [
    { id: 'comment', label: 'Comment…', onSelect: () => chat.openDialog('comment') },
    { id: 'related', label: 'Related Item…', onSelect: () => chat.openDialog('relate') },
    { id: 'task', label: 'New Task…', onSelect: () => chat.openDialog('task') },
    { id: 'time-log', label: 'New Time Log…', onSelect: () => chat.openDialog('time-log') },
    { id: 'ticket', label: 'New Ticket…', onSelect: () => chat.openDialog('ticket') },
    { id: 'call', label: 'New Call Log…', onSelect: () => chat.openDialog('call') },
  ];
  return (
    <>
      <div class="toolbar pane-toolbar" role="toolbar" aria-label="Chat actions">
        {can.showTake ? (
          <button type="button" class="primary" disabled={!can.take} aria-keyshortcuts={KEY_OF.take} onClick={() => void chat.act('take')}>
            {pending === 'take' ? 'Taking…' : 'Take'}
          </button>
        ) : null}
        {can.showTakeOver ? (
          <button type="button" disabled={!can.takeOver} onClick={() => void chat.act('take-over')}>
            Take over
          </button>
        ) : null}
        {can.showJoin ? (
          <button type="button" disabled={!can.join} onClick={() => chat.join()} title="Join the conversation: the customer sees you">
            Join
          </button>
        ) : null}
        {can.showEnd ? (
          <button type="button" disabled={!can.end} aria-keyshortcuts={KEY_OF.end} onClick={() => chat.openDialog('end')}>
            End Chat
          </button>
        ) : null}
        {can.showTransfer ? (
          <button type="button" disabled={!can.transfer} aria-keyshortcuts={KEY_OF.transfer} onClick={() => chat.openDialog('transfer')}>
            Transfer…
          </button>
        ) : null}
        <MenuButton label="Add" items={addItems} empty="Nothing to add" />
        <TimerButton chat={chat} now={now.value} />
        {can.showFollowUp ? (
          <button type="button" disabled={!can.followUp} onClick={() => chat.openDialog('follow-up')}>
            Follow-up…
          </button>
        ) : null}
        {can.write ? (
        <button type="button" aria-haspopup="dialog" aria-keyshortcuts={KEY_OF.canned} onClick={() => cannedOf(chat).openPicker()}>
          Insert Canned Reply…
        </button>
      ) : null}
      <AssistanceButton chat={chat} />
      {tools.sendFile ? <SendFileButton chat={chat} enabled={tools.sendFile} /> : null}
        {tools.ended ? <EmailTranscriptButton chat={chat} visitorEmail={visitorEmail} /> : null}
        {tools.ended ? <TranslateButton chat={chat} available={translation} /> : null}
        {can.delete ? (
          <button type="button" class="danger" onClick={() => chat.openDialog('delete')}>
            Delete Chat
          </button>
        ) : null}
        <button type="button" onClick={() => openPrint(chat.chatId)}>
          Print
        </button>
        {inPopout ? null : (
          <button type="button" onClick={() => openPopout(chat.chatId)}>
            Pop-out
          </button>
        )}
        {/* The seed's Actions menu: the administrator's manual events that apply to this chat. */}
        <ChatActionsMenu events={chat.manualEvents} />
        <span class={`pane-connection conn-${connection}`} aria-live="polite">
          {connectionText(connection)}
        </span>
      </div>
      <ChatRunReport events={chat.manualEvents} />
    </>
  );
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
