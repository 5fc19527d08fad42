// The "Add group" form: a name and at least one member (the server never lets a group exist
// without one). A taken name comes back as the server's refusal in the section's alert.
import { useId, useState } from 'preact/hooks';
import type { AdminModel } from './model.ts';
import { checkNewGroup, personLabel } from './rules.ts';

export function AddGroupForm({ admin }: { admin: AdminModel }) {
  const id = useId();
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<readonly string[]>([]);
  const [errors, setErrors] = useState<{ name?: string; members?: string }>({});
  const agents = admin.agents.value;

  return (
    <form
      class="admin-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const problems = checkNewGroup(name, memberIds);
        setErrors(problems);
        if (problems.name) return document.getElementById(`${id}-name`)?.focus();
        if (problems.members) return;
        if (await admin.addGroup(name.trim(), memberIds)) {
          setName('');
          setMemberIds([]);
        }
      }}
    >
      <h3 id={`${id}-title`}>Add group</h3>
      <div class="field">
        <label for={`${id}-name`}>Group name</label>
        <input
          id={`${id}-name`}
          type="text"
          autocomplete="off"
          value={name}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {errors.name ? (
          <p id={`${id}-name-error`} class="field-error">
            {errors.name}
          </p>
        ) : null}
      </div>
      <fieldset class="choices" aria-describedby={errors.members ? `${id}-members-error` : undefined}>
        <legend>Members</legend>
        {agents.map((agent) => (
          <label key={agent.id} class="choice">
            <input
              type="checkbox"
              checked={memberIds.includes(agent.id)}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setMemberIds((ids) => (checked ? [...ids, agent.id] : ids.filter((a) => a !== agent.id)));
              }}
            />{' '}
            {personLabel(agent)}
          </label>
        ))}
        {errors.members ? (
          <p id={`${id}-members-error`} class="field-error">
            {errors.members}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" class="primary" disabled={admin.busy.value}>
        Add group
      </button>
    </form>
  );
}
