// The preview pane's toolbar, as the seed lists it and the server supports it: Take, Take over
// (managers and administrators), Join (staff who are not the assigned agent), End Chat, Transfer,
// Follow-up, Send file, Email transcript and Translate (ended chats), Delete Chat (completed chats
// only), Print and Pop-out. What is enabled follows pane-rules.ts and chat-tools.ts; the server
// still decides and its refusal is shown under the toolbar (or by the tool itself).
import type { ConnectionState } from '../../shared/socket.ts';
import type { OpenChat } from './chat.ts';
import type { ToolAbilities } from './chat-tools.ts';
import { EmailTranscriptButton } from './EmailTranscript.tsx';
import { SendFileButton } from './SendFileButton.tsx';
import { TranslateButton } from './Translate.tsx';
import { openPopout, openPrint } from '../shell/page-mode.ts';
import type { PaneAbilities } from './pane-rules.ts';

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
  const connection = chat.socket.state.value;
  return (
    <div class="toolbar pane-toolbar" role="toolbar" aria-label="Chat actions">
      <button type="button" class="primary" disabled={!can.take} onClick={() => void chat.act('take')}>
        {pending === 'take' ? 'Taking…' : 'Take'}
      </button>
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
      <button type="button" disabled={!can.end} onClick={() => void chat.act('end')}>
        End Chat
      </button>
      <button type="button" disabled={!can.transfer} onClick={() => chat.openDialog('transfer')}>
        Transfer…
      </button>
      <button type="button" disabled={!can.followUp} onClick={() => chat.openDialog('follow-up')}>
        Follow-up…
      </button>
      {tools.ended ? null : <SendFileButton chat={chat} enabled={tools.sendFile} />}
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
      <span class={`pane-connection conn-${connection}`} aria-live="polite">
        {connectionText(connection)}
      </span>
    </div>
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
