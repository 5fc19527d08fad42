// The "Chat links" section: each live chat link with the address customers open (copyable), its
// group and preset fields (Delete after a confirmation), and a form for a new link whose preset
// fields are typed as key=value lines.
import { useId, useState } from 'preact/hooks';
import type { AdminGroup, ChatLink } from '../../shared/api.ts';
import type { ContentModel } from './content.ts';
import { checkSlug, linkAddress, parsePresets, presetText } from './content-rules.ts';
import { Refusal } from './Refusal.tsx';
import { ConfirmDelete } from './ConfirmDelete.tsx';

/** The address the hint shows before one is typed: a real one, as a customer would open it. */
const EXAMPLE_SLUG = 'spring-sale';

export function ChatLinksSection({ content, groups }: { content: ContentModel; groups: readonly AdminGroup[] }) {
  const links = content.links.value;
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
  return (
    <section class="admin-section" aria-labelledby="admin-links">
      <h2 id="admin-links">Chat links</h2>
      <Refusal error={content.errors.links} />
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="sr-only">Chat links</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Group</th>
              <th scope="col">Preset fields</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <LinkRow key={link.slug} content={content} link={link} group={groupName(link.groupId)} />
            ))}
            {links.length === 0 ? (
              <tr class="empty">
                <td colSpan={5}>{content.loaded.value ? 'No chat links yet.' : 'Loading…'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <AddLinkForm content={content} groups={groups} />
    </section>
  );
}

function LinkRow({ content, link, group }: { content: ContentModel; link: ChatLink; group: string }) {
  const address = linkAddress(location.origin, link.slug);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-link-slug={link.slug}>
      <th scope="row">{link.name}</th>
      <td>
        <input class="copyable" type="text" readOnly value={address} aria-label={`Address of ${link.name}`} onFocus={(e) => e.currentTarget.select()} />{' '}
        <button
          type="button"
          class="small"
          onClick={() =>
            navigator.clipboard?.writeText(address).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy<span class="sr-only"> address of {link.name}</span>
        </button>
        <span aria-live="polite">{copied ? ' Copied' : ''}</span>
      </td>
      <td>{group}</td>
      <td>{presetText(link.fields) || <span class="muted">None</span>}</td>
      <td>
        {confirming ? (
          <ConfirmDelete
            name={link.name}
            what="link"
            busy={content.busy.value}
            onDelete={() => content.deleteLink(link)}
            onClose={() => setConfirming(false)}
          />
        ) : (
          <button type="button" disabled={content.busy.value} onClick={() => setConfirming(true)}>
            Delete<span class="sr-only"> {link.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function AddLinkForm({ content, groups }: { content: ContentModel; groups: readonly AdminGroup[] }) {
  const id = useId();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [groupId, setGroupId] = useState('');
  const [presets, setPresets] = useState('');
  const [errors, setErrors] = useState<{ name?: string; slug?: string; presets?: string }>({});
  const chosen = groups.some((g) => g.id === groupId) ? groupId : (groups[0]?.id ?? '');
  const error = (key: 'name' | 'slug' | 'presets') =>
    errors[key] ? (
      <p id={`${id}-${key}-error`} class="field-error">
        {errors[key]}
      </p>
    ) : null;
  const described = (key: 'name' | 'slug' | 'presets') => ({
    'aria-invalid': errors[key] ? ('true' as const) : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  return (
    <form
      class="admin-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const parsed = parsePresets(presets);
        const problems: typeof errors = {};
        if (name.trim() === '') problems.name = 'Enter a name.';
        const badSlug = checkSlug(slug, 'an address');
        if (badSlug) problems.slug = badSlug;
        if (!parsed.ok) problems.presets = parsed.message;
        setErrors(problems);
        const first = (['name', 'slug', 'presets'] as const).find((k) => problems[k]);
        if (first) return document.getElementById(`${id}-${first}`)?.focus();
        if (!parsed.ok) return;
        if (await content.addLink({ name: name.trim(), slug: slug.trim(), groupId: chosen, fields: parsed.fields })) {
          setName('');
          setSlug('');
          setPresets('');
        }
      }}
    >
      <h3 id={`${id}-title`}>New chat link</h3>
      <div class="field">
        <label for={`${id}-name`}>Link name</label>
        <input id={`${id}-name`} type="text" autocomplete="off" value={name} {...described('name')} onInput={(e) => setName(e.currentTarget.value)} />
        {error('name')}
      </div>
      <div class="field">
        <label for={`${id}-slug`}>Address</label>
        <input
          id={`${id}-slug`}
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={slug}
          {...described('slug')}
          onInput={(e) => setSlug(e.currentTarget.value)}
        />
        <p class="muted">
          {slug.trim() === ''
            ? `Customers open an address like ${linkAddress(location.origin, EXAMPLE_SLUG)}`
            : `Customers open ${linkAddress(location.origin, slug.trim())}`}
        </p>
        {error('slug')}
      </div>
      <div class="field">
        <label for={`${id}-group`}>Group</label>
        <select id={`${id}-group`} value={chosen} onChange={(e) => setGroupId(e.currentTarget.value)}>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-presets`}>Preset fields (optional, one key=value a line)</label>
        <textarea id={`${id}-presets`} rows={3} value={presets} {...described('presets')} onInput={(e) => setPresets(e.currentTarget.value)} />
        {error('presets')}
      </div>
      <button type="submit" class="primary" disabled={content.busy.value || chosen === ''}>
        Add link
      </button>
    </form>
  );
}
