// The user-details pop-out: a modal dialog with the seed's tabs (customer-tabs.ts decides which),
// each list opening its item, and the forms staff edit the customer with. Reads the model's
// signals; every change goes through the model, which shows the server's refusal here.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { STATISTICS_WINDOW_LABELS, STATISTICS_WINDOWS } from '../../../objects/rules/customers.ts';
import { DIRECTION_LABELS, formatSeconds, itemNumber, MAX_SUBJECT_LENGTH, TICKET_STATUS_LABELS } from '../../../objects/rules/items.ts';
import type { CustomerDetailsResponse, CustomerStatistics } from '../../../worker/customers/wire.ts';
import { Tabs } from '../chat/tabs/Tabs.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { formatDuration, formatStarted, now } from '../ui/time.ts';
import { customerTabs, type CustomerTab } from './customer-tabs.ts';
import type { CustomerModel } from './customer.ts';
import './customers.css';

export function CustomerDialog({ model, me }: { model: CustomerModel; me: { id: string; role: string } }) {
  const state = model.state.value;
  if (state.status === 'closed') return null;
  const title = state.status === 'open' ? `Customer: ${state.details.customer.name}` : 'Customer';
  return (
    <Dialog title={title} onCancel={() => model.close()} class="customer-dialog">
      {state.status === 'loading' ? (
        <p role="status">Loading the customer…</p>
      ) : state.status === 'failed' ? (
        <p class="notice" role="alert">
          {state.message}
        </p>
      ) : model.organization.value ? (
        <OrganizationView model={model} />
      ) : (
        <CustomerTabs model={model} details={state.details} me={me} />
      )}
      <div class="dialog-actions">
        <button type="button" onClick={() => model.close()}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function CustomerTabs({ model, details, me }: { model: CustomerModel; details: CustomerDetailsResponse; me: { id: string; role: string } }) {
  const tabs = customerTabs(details, model.definitions.value.length);
  const tab = tabs.some((t) => t.id === model.tab.value) ? model.tab.value : 'details';
  const problem = model.problem.value;
  return (
    <>
      <p class="customer-auth">
        {details.customer.emails.join(', ')} ·{' '}
        <span class={`badge ${details.authentication === 'verified' ? 'badge-verified' : 'badge-unverified'}`}>
          {details.authentication === 'verified' ? 'Verified by website' : 'Unverified email'}
        </span>
      </p>
      {problem ? (
        <p class="notice" role="alert">
          {problem}
        </p>
      ) : null}
      <p class="customer-done" role="status">
        {model.done.value ?? ''}
      </p>
      <Tabs label="Customer details" idPrefix="customer" tabs={tabs} selected={tab} onSelect={(t) => model.showTab(t)}>
        {/* Each read of the record starts the open tab's forms again from what is stored. */}
        <Panel key={`${tab}:${model.version.value}`} tab={tab} model={model} details={details} me={me} />
      </Tabs>
    </>
  );
}

function Panel({ tab, model, details, me }: { tab: CustomerTab; model: CustomerModel; details: CustomerDetailsResponse; me: { id: string; role: string } }) {
  switch (tab) {
    case 'details':
      return <DetailsTab model={model} details={details} me={me} />;
    case 'contact':
      return <ContactTab model={model} details={details} />;
    case 'portal':
      return <PortalTab model={model} details={details} />;
    case 'roles':
      return (
        <ul class="customer-roles">
          {details.roles.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      );
    case 'fields':
      return <FieldsTab model={model} details={details} />;
    case 'comments':
      return <CommentsTab model={model} details={details} me={me} />;
    case 'tickets':
      return <TicketsTab model={model} details={details} />;
    case 'chats':
      return <ChatsTab model={model} details={details} />;
    case 'calls':
      return <CallsTab model={model} details={details} />;
    case 'survey':
      return <SurveyTab model={model} details={details} />;
    case 'forms':
      return <FormsTab details={details} />;
    case 'statistics':
      return <StatisticsTab statistics={details.statistics} />;
    case 'history':
      return <HistoryTab details={details} />;
  }
}

const when = (at: number | null) => (at === null ? 'Never' : formatStarted(at, now.value));

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl class="customer-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DetailsTab({ model, details, me }: { model: CustomerModel; details: CustomerDetailsResponse; me: { id: string; role: string } }) {
  const c = details.customer;
  const [name, setName] = useState(c.name);
  const [timeZone, setTimeZone] = useState(c.timeZone ?? '');
  const [language, setLanguage] = useState(c.language ?? '');
  const [organizationId, setOrganizationId] = useState(c.organization?.id ?? '');
  const [mergeEmail, setMergeEmail] = useState('');
  const ids = { name: useId(), zone: useId(), lang: useId(), org: useId(), merge: useId() };
  const auth =
    details.authentication === 'verified'
      ? `Verified by their website (signed identity) since ${when(c.verifiedAt)}`
      : 'Unverified: the email was typed by the customer';
  return (
    <div class="customer-panel">
      <Facts
        rows={[
          ['Authentication', auth],
          ['Time zone', c.timeZone ? `${c.timeZone} (${c.timeZoneByStaff ? 'set by staff' : 'from their browser'})` : 'Unknown'],
          ['Preferred language', c.language ? `${c.language} (${c.languageByStaff ? 'set by staff' : 'from their browser'})` : 'Unknown'],
          ['Organization', c.organization?.name ?? 'None'],
          ['Website’s id', c.externalId ?? '—'],
          ['First seen', when(c.firstSeenAt)],
          ['Last seen', when(c.lastSeenAt)],
        ]}
      />
      {c.organization ? (
        <p>
          <button type="button" class="link" onClick={() => void model.showOrganization(c.organization!.id)}>
            Show {c.organization.name} and its customers
          </button>
        </p>
      ) : null}
      {c.suggestedOrganization ? (
        <p class="hint">
          Their email’s domain belongs to {c.suggestedOrganization.name}.{' '}
          <button type="button" class="link" disabled={model.busy.value} onClick={() => void model.save({ organizationId: c.suggestedOrganization!.id })}>
            Assign to {c.suggestedOrganization.name}
          </button>
        </p>
      ) : null}
      <form
        class="dialog-form"
        aria-label="Edit details"
        onSubmit={(e) => {
          e.preventDefault();
          void model.save({ name: name.trim(), timeZone: timeZone.trim() || null, language: language.trim() || null, organizationId: organizationId || null });
        }}
      >
        <div class="field">
          <label for={ids.name}>Name</label>
          <input id={ids.name} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.zone}>Time zone (empty: their browser’s)</label>
          <input id={ids.zone} placeholder="Europe/Lisbon" value={timeZone} onInput={(e) => setTimeZone(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.lang}>Preferred language (empty: their browser’s)</label>
          <input id={ids.lang} placeholder="en" value={language} onInput={(e) => setLanguage(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.org}>Organization</label>
          <select id={ids.org} value={organizationId} onChange={(e) => setOrganizationId(e.currentTarget.value)}>
            <option value="">None</option>
            {model.organizations.value.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={model.busy.value}>
            Save details
          </button>
        </div>
      </form>
      <form
        class="dialog-form"
        aria-label="Merge with another customer"
        onSubmit={async (e) => {
          e.preventDefault();
          if (mergeEmail.trim() === '') return;
          if (await model.mergeByEmail(mergeEmail.trim())) setMergeEmail('');
        }}
      >
        <div class="field">
          <label for={ids.merge}>Merge in the customer with this email (the same person)</label>
          <input id={ids.merge} type="email" value={mergeEmail} onInput={(e) => setMergeEmail(e.currentTarget.value)} />
        </div>
        <div class="dialog-actions">
          <button type="submit" disabled={model.busy.value}>
            Merge
          </button>
        </div>
      </form>
      {me.role === 'manager' || me.role === 'admin' ? <NewOrganization model={model} email={c.emails[0] ?? ''} /> : null}
      {me.role === 'admin' ? <Privacy model={model} details={details} /> : null}
    </div>
  );
}

function NewOrganization({ model, email }: { model: CustomerModel; email: string }) {
  const [name, setName] = useState('');
  const [domain, setDomain] = useState(email.slice(email.lastIndexOf('@') + 1));
  const ids = { name: useId(), domain: useId() };
  return (
    <form
      class="dialog-form"
      aria-label="New organization"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() === '') return;
        void model.createOrganization(name.trim(), domain.trim() || null);
      }}
    >
      <div class="field">
        <label for={ids.name}>New organization for this customer</label>
        <input id={ids.name} maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={ids.domain}>Its email domain (its customers are suggested for it; optional)</label>
        <input id={ids.domain} value={domain} onInput={(e) => setDomain(e.currentTarget.value)} />
      </div>
      <div class="dialog-actions">
        <button type="submit" disabled={model.busy.value}>
          Create organization
        </button>
      </div>
    </form>
  );
}

/** Administrators: everything about the customer as one JSON file, and erasing them (typed confirmation). */
function Privacy({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const [confirm, setConfirm] = useState('');
  const confirmId = useId();
  const email = details.customer.emails[0] ?? '';
  return (
    <section class="customer-privacy" aria-labelledby={`${confirmId}-title`}>
      <h3 id={`${confirmId}-title`}>Privacy</h3>
      <p>
        <a href={model.exportPath()} download>
          Export everything about this customer (JSON)
        </a>
      </p>
      <form
        class="dialog-form"
        aria-label="Erase the customer"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirm.trim().toLowerCase() === email) void model.erase();
        }}
      >
        <div class="field">
          <label for={confirmId}>To erase the customer, their chats, files and messages left, type {email}</label>
          <input id={confirmId} value={confirm} autocomplete="off" onInput={(e) => setConfirm(e.currentTarget.value)} />
        </div>
        <p class="hint">This cannot be undone. Tickets and call logs stay, without the customer’s name, email or phone.</p>
        <div class="dialog-actions">
          <button type="submit" class="danger" disabled={model.busy.value || confirm.trim().toLowerCase() !== email}>
            Erase customer
          </button>
        </div>
      </form>
    </section>
  );
}

/** An organization's page: its customers and their activity in the caller's groups, each opening. */
function OrganizationView({ model }: { model: CustomerModel }) {
  const page = model.organization.value;
  if (!page) return null;
  return (
    <section class="customer-panel" aria-labelledby="organization-title">
      <h3 id="organization-title">
        {page.organization.name}
        {page.organization.domain ? ` (${page.organization.domain})` : ''}
      </h3>
      <ListTable caption={`Customers of ${page.organization.name}`} columns={['Customer', 'Email', 'Live chats', 'Tickets', 'Calls', 'Last seen']}>
        <tbody>
          {page.customers.map((c) => (
            <tr key={c.id}>
              <td>
                <button type="button" class="link" onClick={() => void model.openCustomer(c.id)}>
                  {c.name}
                </button>
              </td>
              <td>{c.email}</td>
              <td>{c.chats}</td>
              <td>{c.tickets}</td>
              <td>{c.calls}</td>
              <td>{when(c.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <p>
        <button type="button" onClick={() => model.backToCustomer()}>
          Back to the customer
        </button>
      </p>
    </section>
  );
}

const CONTACT_FIELDS = [
  ['website', 'Website'],
  ['homePhone', 'Home phone'],
  ['workPhone', 'Work phone'],
  ['mobilePhone', 'Mobile phone'],
] as const;

function ContactTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const c = details.customer;
  const [values, setValues] = useState({ website: c.website, homePhone: c.homePhone, workPhone: c.workPhone, mobilePhone: c.mobilePhone, address: c.address });
  const prefix = useId();
  return (
    <form
      class="dialog-form customer-panel"
      aria-label="Contact info"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save(values);
      }}
    >
      {CONTACT_FIELDS.map(([key, label]) => (
        <div class="field" key={key}>
          <label for={`${prefix}-${key}`}>{label}</label>
          <input id={`${prefix}-${key}`} maxLength={200} value={values[key]} onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })} />
        </div>
      ))}
      <div class="field">
        <label for={`${prefix}-address`}>Company address</label>
        <textarea id={`${prefix}-address`} rows={3} maxLength={500} value={values.address} onInput={(e) => setValues({ ...values, address: e.currentTarget.value })} />
      </div>
      <div class="dialog-actions">
        <button type="submit" class="primary" disabled={model.busy.value}>
          Save contact info
        </button>
      </div>
    </form>
  );
}

function PortalTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const c = details.customer;
  return (
    <div class="customer-panel">
      <Facts rows={[['Avatar', 'None: their initials are shown'], ['Subscribed to news and updates', c.subscribed ? 'Yes' : 'No']]} />
      <label class="check">
        <input type="checkbox" checked={c.subscribed} disabled={model.busy.value} onChange={(e) => void model.save({ subscribed: e.currentTarget.checked })} /> Subscribed to
        news and updates by email
      </label>
    </div>
  );
}

function FieldsTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const defs = model.definitions.value;
  const [values, setValues] = useState<Record<string, string>>(details.customer.customFields);
  const prefix = useId();
  const extra = Object.keys(values).filter((k) => !defs.some((d) => d.key === k));
  return (
    <form
      class="dialog-form customer-panel"
      aria-label="Custom fields"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save({ customFields: Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')) });
      }}
    >
      {defs.map((d) => (
        <div class="field" key={d.key}>
          <label for={`${prefix}-${d.key}`}>{d.label}</label>
          {d.type === 'select' ? (
            <select id={`${prefix}-${d.key}`} value={values[d.key] ?? ''} onChange={(e) => setValues({ ...values, [d.key]: e.currentTarget.value })}>
              <option value="">—</option>
              {d.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${prefix}-${d.key}`}
              inputMode={d.type === 'number' ? 'decimal' : undefined}
              value={values[d.key] ?? ''}
              onInput={(e) => setValues({ ...values, [d.key]: e.currentTarget.value })}
            />
          )}
        </div>
      ))}
      {extra.length > 0 ? <Facts rows={extra.map((k) => [k, values[k] ?? ''])} /> : null}
      {defs.length > 0 ? (
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={model.busy.value}>
            Save custom fields
          </button>
        </div>
      ) : null}
    </form>
  );
}

function CommentsTab({ model, details, me }: { model: CustomerModel; details: CustomerDetailsResponse; me: { id: string; role: string } }) {
  const [text, setText] = useState('');
  const [sticky, setSticky] = useState(false);
  const textId = useId();
  const mayChange = (authorId: string) => authorId === me.id || me.role === 'manager' || me.role === 'admin';
  return (
    <div class="customer-panel">
      {details.comments.length === 0 ? <p class="hint">No comments about this customer yet.</p> : null}
      <ul class="customer-comments">
        {details.comments.map((c) => (
          <li key={c.id} data-comment-id={c.id} class={c.sticky ? 'sticky-note' : undefined}>
            <p class="comment-meta">
              {c.authorName} · {when(c.createdAt)}
              {c.sticky ? <span class="badge"> Sticky: shown on every chat</span> : null}
            </p>
            <p>{c.text}</p>
            {mayChange(c.authorId) ? (
              <p class="row-actions">
                <button type="button" class="link" disabled={model.busy.value} onClick={() => void model.setSticky(c.id, !c.sticky)}>
                  {c.sticky ? 'Unpin' : 'Make sticky'}
                </button>{' '}
                <button type="button" class="link" disabled={model.busy.value} onClick={() => void model.removeComment(c.id)}>
                  Delete
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        class="dialog-form"
        aria-label="Add a comment"
        onSubmit={async (e) => {
          e.preventDefault();
          if (text.trim() === '') return;
          if (await model.addComment(text.trim(), sticky)) {
            setText('');
            setSticky(false);
          }
        }}
      >
        <div class="field">
          <label for={textId}>New comment about the customer (staff only)</label>
          <textarea id={textId} rows={3} maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <label class="check">
          <input type="checkbox" checked={sticky} onChange={(e) => setSticky(e.currentTarget.checked)} /> Sticky: show it on every chat with this customer
        </label>
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={model.busy.value}>
            Add comment
          </button>
        </div>
      </form>
    </div>
  );
}

/** A list of the pop-out: a table named for screen readers, its column headings (empty: an actions column). */
function ListTable({ caption, columns, children }: { caption: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <table class="desk-table customer-table">
      <caption class="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c === '' ? <span class="sr-only">Actions</span> : c}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

/** A list row's first cell: a button that opens the item, or its name where nothing can be opened. */
function Opener({ model, kind, id, label }: { model: CustomerModel; kind: 'ticket' | 'chat' | 'call'; id: string; label: string }) {
  if (!model.canOpenItems) return <>{label}</>;
  return (
    <button type="button" class="link" onClick={() => model.open({ kind, id })}>
      {label}
    </button>
  );
}

function TicketsTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const [merging, setMerging] = useState<string | null>(null);
  const [into, setInto] = useState('');
  const intoId = useId();
  const from = details.tickets.find((t) => t.id === merging) ?? null;
  const others = details.tickets.filter((t) => t.id !== merging);
  return (
    <div class="customer-panel">
      <ListTable caption="Tickets" columns={['Ticket', 'Status', 'Subject', 'Messages', 'Agent', 'Group', 'Updated', '']}>
        <tbody>
          {details.tickets.map((t) => (
            <tr key={t.id}>
              <td>
                <Opener model={model} kind="ticket" id={t.id} label={itemNumber(t.number)} />
              </td>
              <td>{TICKET_STATUS_LABELS[t.status]}</td>
              <td>{t.subject}</td>
              <td>{t.messages}</td>
              <td>{t.agentName ?? 'Unassigned'}</td>
              <td>{t.groupName}</td>
              <td>{when(t.updatedAt)}</td>
              <td>
                {details.tickets.length > 1 ? (
                  <button
                    type="button"
                    class="link"
                    aria-label={`Merge ticket ${itemNumber(t.number)} into another`}
                    onClick={() => {
                      setMerging(t.id);
                      setInto('');
                    }}
                  >
                    Merge…
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      {from ? (
        <form
          class="dialog-form"
          aria-label="Merge tickets"
          onSubmit={async (e) => {
            e.preventDefault();
            if (into === '') return;
            if (await model.mergeTickets(from.id, into)) setMerging(null);
          }}
        >
          <div class="field">
            <label for={intoId}>
              Merge ticket {itemNumber(from.number)} into (its thread moves there; it is closed)
            </label>
            <select id={intoId} required value={into} onChange={(e) => setInto(e.currentTarget.value)}>
              <option value="">Choose a ticket…</option>
              {others.map((t) => (
                <option key={t.id} value={t.id}>
                  {itemNumber(t.number)}: {t.subject}
                </option>
              ))}
            </select>
          </div>
          <div class="dialog-actions">
            <button type="button" onClick={() => setMerging(null)}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={model.busy.value || into === ''}>
              Merge
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function ChatsTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const [ticketFor, setTicketFor] = useState<string | null>(null);
  return (
    <div class="customer-panel">
      <ListTable caption="Live chats" columns={['Started', 'Group', 'Queue time', 'Status', 'Agent', 'Messages', 'Email', '']}>
        <tbody>
          {details.chats.map((c) => (
            <tr key={c.id} data-chat-id={c.id}>
              <td>
                <Opener model={model} kind="chat" id={c.id} label={when(c.startedAt)} />
              </td>
              <td>{c.groupName}</td>
              <td>{c.queueMs === null ? 'Not taken' : formatDuration(c.queueMs)}</td>
              <td>{c.status === 'queued' ? 'Waiting' : c.status === 'active' ? 'Active' : 'Completed'}</td>
              <td>{c.agentName ?? 'Unassigned'}</td>
              <td>{c.messageCount}</td>
              <td>{c.verified ? 'Verified' : 'Unverified'}</td>
              <td>
                <button type="button" class="link" aria-label={`Start a ticket from the chat of ${when(c.startedAt)}`} onClick={() => setTicketFor(c.id)}>
                  Start a ticket
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      {ticketFor ? (
        <StartTicket model={model} source={{ chatId: ticketFor }} hint="the chat’s conversation becomes its first entry" onDone={() => setTicketFor(null)} />
      ) : null}
    </div>
  );
}

/** A ticket from one of the customer's chats or call logs: its subject, then it opens in the Help Desk. */
function StartTicket({ model, source, hint, onDone }: { model: CustomerModel; source: { chatId: string } | { callId: string }; hint: string; onDone(): void }) {
  const [subject, setSubject] = useState('');
  const subjectId = useId();
  return (
    <form
      class="dialog-form"
      aria-label="Start a ticket"
      onSubmit={async (e) => {
        e.preventDefault();
        if (subject.trim() === '') return;
        if (await model.ticketFrom(source, subject.trim())) onDone();
      }}
    >
      <div class="field">
        <label for={subjectId}>Subject of the new ticket ({hint})</label>
        <input id={subjectId} required maxLength={MAX_SUBJECT_LENGTH} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </div>
      <div class="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={model.busy.value}>
          Create ticket
        </button>
      </div>
    </form>
  );
}

function CallsTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  const [ticketFor, setTicketFor] = useState<string | null>(null);
  return (
    <div class="customer-panel">
      <ListTable caption="Calls" columns={['Call log', 'Phone', 'Direction', 'Group', 'Duration', 'Started', 'Agent', '']}>
        <tbody>
          {details.calls.map((c) => (
            <tr key={c.id}>
              <td>
                <Opener model={model} kind="call" id={c.id} label={itemNumber(c.number)} />
              </td>
              <td>{c.phone}</td>
              <td>{DIRECTION_LABELS[c.direction]}</td>
              <td>{c.groupName}</td>
              <td>{formatSeconds(c.durationSeconds)}</td>
              <td>{when(c.startedAt)}</td>
              <td>{c.agentName}</td>
              <td>
                <button type="button" class="link" aria-label={`Start a ticket from call log ${itemNumber(c.number)}`} onClick={() => setTicketFor(c.id)}>
                  Start a ticket
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      {ticketFor ? <StartTicket model={model} source={{ callId: ticketFor }} hint="it begins with the call log’s notes" onDone={() => setTicketFor(null)} /> : null}
    </div>
  );
}

function SurveyTab({ model, details }: { model: CustomerModel; details: CustomerDetailsResponse }) {
  return (
    <ListTable caption="Surveys" columns={['Survey', 'Completed', 'For', 'Score', 'Comment']}>
      <tbody>
        {details.surveys.map((s) => (
          <tr key={s.chatId}>
            <td>{s.name}</td>
            <td>{when(s.createdAt)}</td>
            <td>
              <Opener model={model} kind="chat" id={s.chatId} label={`Chat in ${s.groupName}`} />
            </td>
            <td>{s.rating} of 5</td>
            <td>{s.comment || '—'}</td>
          </tr>
        ))}
      </tbody>
    </ListTable>
  );
}

function FormsTab({ details }: { details: CustomerDetailsResponse }) {
  return (
    <ul class="customer-forms">
      {details.forms.map((f) => (
        <li key={f.kind === 'pre-chat' ? f.chatId : f.id}>
          <p class="comment-meta">
            {f.kind === 'pre-chat' ? 'Pre-chat form' : `Message left${f.handled ? ' (handled)' : ''}`} · {f.groupName} · {when(f.at)}
          </p>
          {f.kind === 'offline-message' ? <p>{f.message}</p> : null}
          {Object.keys(f.fields).length > 0 ? <Facts rows={Object.entries(f.fields)} /> : null}
        </li>
      ))}
    </ul>
  );
}

const STATISTICS_ROWS: [keyof CustomerStatistics, string][] = [
  ['tickets', 'Tickets closed'],
  ['liveChats', 'Live chats completed'],
  ['calls', 'Calls'],
  ['timeLogs', 'Time logs'],
];

function StatisticsTab({ statistics }: { statistics: CustomerStatistics }) {
  return (
    <table class="desk-table customer-table customer-stats">
      <caption class="sr-only">Statistics</caption>
      <thead>
        <tr>
          <td />
          {STATISTICS_WINDOWS.map((w) => (
            <th key={w} scope="col">
              {STATISTICS_WINDOW_LABELS[w]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {STATISTICS_ROWS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            {STATISTICS_WINDOWS.map((w) => (
              <td key={w}>{statistics[key][w]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HistoryTab({ details }: { details: CustomerDetailsResponse }) {
  const h = details.history;
  return (
    <Facts
      rows={[
        ['Last signed in (a chat started with their website’s signature)', when(h.lastSignInAt)],
        ['Last live chat', when(h.lastChatAt)],
        ['Last ticket', when(h.lastTicketAt)],
        ['Last call', when(h.lastCallAt)],
        ['Last message left', when(h.lastMessageLeftAt)],
        ['First seen', when(h.firstSeenAt)],
        ['Last seen', when(h.lastSeenAt)],
      ]}
    />
  );
}
