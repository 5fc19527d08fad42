// The People table: one row per person with their role, groups, maximum of chats at once, whether
// they may sign in, and an inline "Reset password". Each control is labelled with the person's name.
import { useEffect, useState } from 'preact/hooks';
import { STAFF_RANKS, type StaffRank } from '../../../objects/protocol.ts';
import type { AdminAgent } from '../../shared/api.ts';
import type { AdminModel } from './model.ts';
import { useFocusOnMount } from './useFocusOnMount.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

/** What each role may do, as the confirmation says it. */
const RIGHTS_OF: Readonly<Record<StaffRank, string>> = {
  agent: 'an agent answers the chats of their groups.',
  manager: 'a manager also monitors, takes over and transfers their groups\' chats and manages their canned replies.',
  admin: 'an administrator may do anything, in every group, including this page.',
};

/** "an Administrator", "a Manager". */
function articled(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}
import { checkPassword, MAX_CHATS_HINT, MAX_MAX_CHATS, MIN_MAX_CHATS, parseMaxChats, RANK_LABELS } from './rules.ts';

export function PeopleTable({ admin }: { admin: AdminModel }) {
  const agents = admin.agents.value;
  return (
    <div class="table-wrap">
      <table class="admin-table">
        <caption class="sr-only">People</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Groups</th>
            <th scope="col">Maximum chats</th>
            <th scope="col">Sign-in</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <PersonRow key={agent.id} admin={admin} agent={agent} />
          ))}
          {agents.length === 0 ? (
            <tr class="empty">
              <td colSpan={7}>{admin.loaded.value ? 'No people yet.' : 'Loading…'}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function PersonRow({ admin, agent }: { admin: AdminModel; agent: AdminAgent }) {
  const busy = admin.busy.value;
  const disabled = agent.disabled;
  const [maxChats, setMaxChats] = useState(String(agent.maxChats));
  /** A role chosen in the select, waiting for the administrator's yes. */
  const [newRole, setNewRole] = useState<StaffRank | null>(null);
  useEffect(() => setMaxChats(String(agent.maxChats)), [agent.maxChats]);
  const maxChatsValue = parseMaxChats(maxChats);

  return (
    <tr data-agent-id={agent.id} class={disabled ? 'is-disabled' : undefined}>
      <th scope="row">{agent.name}</th>
      <td>{agent.email}</td>
      <td>
        <label>
          <span class="sr-only">Role of {agent.name}</span>
          <select
            value={newRole ?? agent.role}
            disabled={busy}
            onChange={(event) => {
              const role = STAFF_RANKS.find((r) => r === event.currentTarget.value);
              // A change of rights is asked about first (ConfirmDialog below).
              if (role !== undefined && role !== agent.role) setNewRole(role);
              else event.currentTarget.value = agent.role;
            }}
          >
            {STAFF_RANKS.map((rank: StaffRank) => (
              <option key={rank} value={rank}>
                {RANK_LABELS[rank]}
              </option>
            ))}
          </select>
        </label>
        {newRole !== null ? (
          <ConfirmDialog
            title={`Make ${agent.name} ${articled(RANK_LABELS[newRole])}?`}
            message={`${agent.name} is ${articled(RANK_LABELS[agent.role])} now. Their open consoles change at once: ${RIGHTS_OF[newRole]}`}
            confirm="Change role"
            busy={busy}
            onConfirm={async () => {
              await admin.setRole(agent, newRole);
              setNewRole(null);
            }}
            onCancel={() => setNewRole(null)}
          />
        ) : null}
      </td>
      <td>{agent.groups || '—'}</td>
      <td>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (maxChatsValue !== null) void admin.setMaxChats(agent, maxChatsValue);
          }}
        >
          <label>
            <span class="sr-only">Maximum chats of {agent.name}</span>
            <input
              class="narrow"
              type="number"
              inputMode="numeric"
              min={MIN_MAX_CHATS}
              max={MAX_MAX_CHATS}
              required
              title={MAX_CHATS_HINT}
              value={maxChats}
              aria-invalid={maxChatsValue === null ? 'true' : undefined}
              onInput={(event) => setMaxChats(event.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy || maxChatsValue === null || maxChatsValue === agent.maxChats}>
            Save<span class="sr-only"> maximum chats of {agent.name}</span>
          </button>
        </form>
      </td>
      <td>
        <span class="state">{disabled ? 'Disabled' : 'Enabled'}</span>{' '}
        <button type="button" disabled={busy} onClick={() => void admin.setDisabled(agent, !disabled)}>
          {disabled ? 'Enable' : 'Disable'}
          <span class="sr-only"> {agent.name}</span>
        </button>
        {agent.lockedUntil > Date.now() ? (
          <>
            {' '}
            <span class="state">Locked by failed sign-ins</span>{' '}
            <button type="button" disabled={busy} onClick={() => void admin.unlock(agent)}>
              Unlock<span class="sr-only"> {agent.name}</span>
            </button>
          </>
        ) : null}
      </td>
      <td>
        <ResetPassword admin={admin} agent={agent} />
      </td>
    </tr>
  );
}

/** "Reset password" opens a small form in the cell; Escape or Cancel closes it unchanged. */
function ResetPassword({ admin, agent }: { admin: AdminModel; agent: AdminAgent }) {
  const [open, setOpen] = useState(false);
  if (open) return <PasswordForm admin={admin} agent={agent} onClose={() => setOpen(false)} />;
  return (
    <button type="button" onClick={() => setOpen(true)}>
      Reset password<span class="sr-only"> of {agent.name}</span>
    </button>
  );
}

function PasswordForm({ admin, agent, onClose }: { admin: AdminModel; agent: AdminAgent; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useFocusOnMount<HTMLInputElement>();
  const hintId = `reset-hint-${agent.id}`;
  return (
    <form
      class="inline-form"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
      onSubmit={async (event) => {
        event.preventDefault();
        const bad = checkPassword(password);
        setProblem(bad);
        if (bad === null && (await admin.resetPassword(agent, password))) onClose();
      }}
    >
      <label>
        <span class="sr-only">New password for {agent.name}</span>
        <input
          ref={input}
          type="password"
          autocomplete="new-password"
          value={password}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? hintId : undefined}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary" disabled={admin.busy.value}>
        Set password
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {problem ? (
        <p id={hintId} class="field-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
