// The Groups table: each group's name (with Rename and Delete, both confirmed inline), its members
// (each with Remove) and an "Add member" picker of everyone not yet in it.
import { useState } from 'preact/hooks';
import type { AdminAgent, AdminGroup } from '../../shared/api.ts';
import type { AdminModel } from './model.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { useFocusOnMount } from './useFocusOnMount.ts';
import { candidatesFor, checkName, membersOf, personLabel } from './rules.ts';

export function GroupsTable({ admin }: { admin: AdminModel }) {
  const groups = admin.groups.value;
  return (
    <div class="table-wrap">
      <table class="admin-table">
        <caption class="sr-only">Groups</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Members</th>
            <th scope="col">Add member</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <GroupRow key={group.id} admin={admin} group={group} />
          ))}
          {groups.length === 0 ? (
            <tr class="empty">
              <td colSpan={4}>{admin.loaded.value ? 'No groups yet.' : 'Loading…'}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function GroupRow({ admin, group }: { admin: AdminModel; group: AdminGroup }) {
  const agents = admin.agents.value;
  const busy = admin.busy.value;
  const members = membersOf(group, agents);
  const candidates = candidatesFor(group, agents);
  const [chosen, setChosen] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const pick = candidates.find((a) => a.id === chosen) ?? candidates[0];

  return (
    <tr data-group-id={group.id}>
      <th scope="row">{renaming ? <RenameForm admin={admin} group={group} onClose={() => setRenaming(false)} /> : group.name}</th>
      <td>
        <ul class="members" aria-label={`Members of ${group.name}`}>
          {members.map((agent) => (
            <li key={agent.id}>
              <span>
                {agent.name} <span class="muted">{agent.email}</span>
              </span>{' '}
              <button type="button" class="small" disabled={busy} onClick={() => void admin.removeMember(group, agent)}>
                Remove<span class="sr-only"> {agent.name} from {group.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </td>
      <td>
        {pick ? (
          <form
            class="inline-form"
            onSubmit={async (event) => {
              event.preventDefault();
              if (await admin.addMember(group, pick)) setChosen('');
            }}
          >
            <label>
              <span class="sr-only">Person to add to {group.name}</span>
              <select value={pick.id} onChange={(e) => setChosen(e.currentTarget.value)}>
                {candidates.map((agent: AdminAgent) => (
                  <option key={agent.id} value={agent.id}>
                    {personLabel(agent)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              Add member<span class="sr-only"> to {group.name}</span>
            </button>
          </form>
        ) : (
          <span class="muted">Everyone is a member.</span>
        )}
      </td>
      <td>
        {confirmDelete ? (
          <ConfirmDelete
            name={group.name}
            what={group.name}
            busy={admin.busy.value}
            onDelete={() => admin.deleteGroup(group)}
            onClose={() => setConfirmDelete(false)}
          />
        ) : (
          <span class="actions">
            <button type="button" disabled={renaming} onClick={() => setRenaming(true)}>
              Rename<span class="sr-only"> {group.name}</span>
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Delete<span class="sr-only"> {group.name}</span>
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** Renames the group in place; Escape or Cancel leaves the name as it was. */
function RenameForm({ admin, group, onClose }: { admin: AdminModel; group: AdminGroup; onClose: () => void }) {
  const [name, setName] = useState(group.name);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useFocusOnMount<HTMLInputElement>();
  const hintId = `rename-hint-${group.id}`;
  return (
    <form
      class="inline-form"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
      onSubmit={async (event) => {
        event.preventDefault();
        const bad = checkName(name)?.replace('a name', 'a group name') ?? null;
        setProblem(bad);
        if (bad === null && (name.trim() === group.name || (await admin.renameGroup(group, name.trim())))) onClose();
      }}
    >
      <label>
        <span class="sr-only">New name for {group.name}</span>
        <input
          ref={input}
          type="text"
          value={name}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? hintId : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary" disabled={admin.busy.value}>
        Save
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

/** Deleting asks once more, in place; the server refuses while the group has open chats. */
