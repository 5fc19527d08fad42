// The Transfer dialog, for one chat (the pane's toolbar) or the checked chats (the list's
// toolbar): send them to a group's queue, or straight to a colleague who is a member of each
// chat's group, with an optional Transfer comment for whoever receives them. The choice is this
// form's own state; the caller's model does the transfer.
import { useEffect, useId, useState } from 'preact/hooks';
import type { TransferTo } from '../../shared/api.ts';
import { MAX_COMMENT_LENGTH } from '../../../objects/protocol.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';
import { agentsFor, type TransferTargets } from './targets.ts';
import { PRESENCE_LABELS } from '../shell/team.ts';

export interface TransferDialogProps {
  title: string;
  targets: TransferTargets;
  /** The groups of the chats being transferred: an agent must be in all of them. */
  chatGroupIds: readonly string[];
  meId: string;
  busy: boolean;
  error: string | null;
  /** `comment`: a Transfer comment ('' for none). */
  onSubmit(to: TransferTo, comment: string): void;
  onCancel(): void;
}

export function TransferDialog(props: TransferDialogProps) {
  const { targets } = props;
  const [kind, setKind] = useState<'group' | 'agent'>('group');
  const [groupId, setGroupId] = useState(targets.groups.value[0]?.id ?? '');
  const [agentId, setAgentId] = useState('');
  const [comment, setComment] = useState('');
  const pickerId = useId();
  const commentId = useId();
  useEffect(() => void targets.load(), []);
  const agents = agentsFor(targets.agents.value, props.chatGroupIds);
  const chosenAgent = agents.some((a) => a.id === agentId) ? agentId : (agents[0]?.id ?? '');
  const ready = kind === 'group' ? groupId !== '' : chosenAgent !== '';

  return (
    <Dialog title={props.title} onCancel={props.onCancel}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready || props.busy) return;
          props.onSubmit(kind === 'group' ? { kind: 'group', groupId } : { kind: 'agent', agentId: chosenAgent }, comment);
        }}
      >
        <fieldset class="choice">
          <legend>Send to</legend>
          <label>
            <input type="radio" name="transfer-kind" checked={kind === 'group'} onChange={() => setKind('group')} /> A group's queue
          </label>
          <label>
            <input type="radio" name="transfer-kind" checked={kind === 'agent'} onChange={() => setKind('agent')} /> An agent
          </label>
        </fieldset>
        {kind === 'group' ? (
          <div class="field">
            <label for={pickerId}>Group</label>
            <select id={pickerId} value={groupId} onChange={(event) => setGroupId(event.currentTarget.value)}>
              {targets.groups.value.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div class="field">
            <label for={pickerId}>Agent</label>
            <select
              id={pickerId}
              value={chosenAgent}
              disabled={agents.length === 0}
              onChange={(event) => setAgentId(event.currentTarget.value)}
            >
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.id === props.meId ? ' (you)' : ''} — {PRESENCE_LABELS[a.presence]}
                </option>
              ))}
            </select>
            {targets.loading.value ? <span class="hint">Loading colleagues…</span> : null}
            {!targets.loading.value && agents.length === 0 ? (
              <span class="hint">No colleague is a member of every group these chats are in.</span>
            ) : null}
          </div>
        )}
        <div class="field">
          <label for={commentId}>Comment for whoever receives it (optional)</label>
          <textarea id={commentId} rows={3} maxLength={MAX_COMMENT_LENGTH} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <span class="hint">A Transfer comment: only staff see it.</span>
        </div>
        {targets.error.value ? <p class="notice">{targets.error.value}</p> : null}
        <FormActions problem={props.error} onCancel={props.onCancel} submit="Transfer" busyLabel="Transferring…" busy={props.busy} disabled={!ready} />
      </form>
    </Dialog>
  );
}
