// The "Add person" form: email, name, role, first password, maximum chats and groups. Problems are
// shown beside their field before anything is sent; the server's refusal (e.g. a taken email)
// appears in the section's alert and the form keeps what was typed.
import { useId, useState } from 'preact/hooks';
import { STAFF_RANKS, type StaffRank } from '../../../objects/protocol.ts';
import type { AdminModel } from './model.ts';
import {
  checkNewPerson,
  DEFAULT_MAX_CHATS,
  MAX_MAX_CHATS,
  MIN_MAX_CHATS,
  MIN_PASSWORD_LENGTH,
  type NewPersonErrors,
  type NewPersonField,
  type NewPersonForm,
  RANK_LABELS,
} from './rules.ts';

const BLANK: NewPersonForm = { email: '', name: '', role: 'agent', password: '', maxChats: '', groupIds: [] };

export function AddPersonForm({ admin }: { admin: AdminModel }) {
  const id = useId();
  const [form, setForm] = useState<NewPersonForm>(BLANK);
  const [errors, setErrors] = useState<NewPersonErrors>({});
  const groups = admin.groups.value;
  const set = (patch: Partial<NewPersonForm>) => setForm((current) => ({ ...current, ...patch }));

  /** The props that tie a field to its label and its error message. */
  const field = (name: NewPersonField) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: NewPersonField) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} class="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form
      class="admin-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const checked = checkNewPerson(form);
        if (!checked.ok) {
          setErrors(checked.errors);
          const first = (['email', 'name', 'password', 'maxChats'] as const).find((f) => checked.errors[f]);
          if (first) document.getElementById(`${id}-${first}`)?.focus();
          return;
        }
        setErrors({});
        if (await admin.addPerson(checked.person)) setForm(BLANK);
      }}
    >
      <h3 id={`${id}-title`}>Add person</h3>
      <div class="fields">
        <div class="field">
          <label for={`${id}-email`}>Email</label>
          <input type="email" autocomplete="off" value={form.email} onInput={(e) => set({ email: e.currentTarget.value })} {...field('email')} />
          {error('email')}
        </div>
        <div class="field">
          <label for={`${id}-name`}>Name</label>
          <input type="text" autocomplete="off" value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} {...field('name')} />
          {error('name')}
        </div>
        <div class="field">
          <label for={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={form.role}
            onChange={(e) => set({ role: STAFF_RANKS.find((r) => r === e.currentTarget.value) ?? 'agent' })}
          >
            {STAFF_RANKS.map((rank: StaffRank) => (
              <option key={rank} value={rank}>
                {RANK_LABELS[rank]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-password`}>Password</label>
          <input
            type="password"
            autocomplete="new-password"
            placeholder={`At least ${MIN_PASSWORD_LENGTH} characters`}
            value={form.password}
            onInput={(e) => set({ password: e.currentTarget.value })}
            {...field('password')}
          />
          {error('password')}
        </div>
        <div class="field">
          <label for={`${id}-maxChats`}>Maximum chats</label>
          <input
            type="number"
            inputMode="numeric"
            min={MIN_MAX_CHATS}
            max={MAX_MAX_CHATS}
            placeholder={String(DEFAULT_MAX_CHATS)}
            value={form.maxChats}
            onInput={(e) => set({ maxChats: e.currentTarget.value })}
            {...field('maxChats')}
          />
          {error('maxChats')}
        </div>
      </div>
      <fieldset class="choices">
        <legend>Groups</legend>
        {groups.length === 0 ? <p>No groups yet.</p> : null}
        {groups.map((group) => (
          <label key={group.id} class="choice">
            <input
              type="checkbox"
              checked={form.groupIds.includes(group.id)}
              onChange={(e) =>
                set({
                  groupIds: e.currentTarget.checked
                    ? [...form.groupIds, group.id]
                    : form.groupIds.filter((g) => g !== group.id),
                })
              }
            />{' '}
            {group.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={admin.busy.value}>
        Add person
      </button>
    </form>
  );
}
