// The user-details pop-out's model (the seed's "Viewing User Details"): which customer is open
// (reached from an underlined email in a chat, a ticket or a call log), their record and tabs as
// the server gives them for the caller's groups, and staff's actions there: edit, comment (sticky
// or not), merge with another record, assign an organization, start a ticket from a chat, export
// and erase (administrators). Signals and actions only; every action refetches the record.
import { signal } from '@preact/signals';
import type { CustomField } from '../../../objects/rules/fields.ts';
import type { ItemRef } from '../../../objects/rules/items.ts';
import type {
  CustomerDetailsResponse, CustomerEditBody, CustomerLookupResponse, OrganizationListResponse, OrganizationRef, OrganizationResponse,
} from '../../../worker/customers/wire.ts';
import type { TicketResponse } from '../../../worker/items/wire.ts';
import { del, describeError, getJson, patchJson, postJson } from '../../shared/api.ts';
import { loadFieldDefinitions } from '../chat/field-definitions.ts';
import type { CustomerTab } from './customer-tabs.ts';

export type CustomerState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'open'; details: CustomerDetailsResponse };

export type CustomerModel = ReturnType<typeof createCustomerPopout>;

/** `openItem`: where a listed ticket, chat or call log opens (null where the page cannot: a pop-out window). */
export function createCustomerPopout(openItem: ((item: Pick<ItemRef, 'kind' | 'id'>) => void) | null) {
  const state = signal<CustomerState>({ status: 'closed' });
  const tab = signal<CustomerTab>('details');
  const busy = signal(false);
  const problem = signal<string | null>(null);
  /** What the last change did, for a status line ("Saved."); cleared when the next one starts. */
  const done = signal<string | null>(null);
  /** Counts the record's reads: the open tab's forms start again from each new read. */
  const version = signal(0);
  const organizations = signal<OrganizationRef[]>([]);
  const definitions = signal<CustomField[]>([]);
  /** An organization's page, shown in the pop-out instead of the customer's tabs (null: the customer). */
  const organization = signal<OrganizationResponse | null>(null);
  let customerId: string | null = null;

  function loadOrganizations(): void {
    void getJson<OrganizationListResponse>('/api/organizations').then((r) => (organizations.value = r.organizations), () => undefined);
  }

  async function load(id: string): Promise<void> {
    customerId = id;
    try {
      const details = await getJson<CustomerDetailsResponse>(`/api/customers/${encodeURIComponent(id)}`);
      if (customerId === id) {
        state.value = { status: 'open', details };
        version.value++;
      }
    } catch (err) {
      if (customerId === id) state.value = { status: 'failed', message: describeError(err) };
    }
  }

  /**
   * Runs a change, shows its refusal in the pop-out, and then reads the record again (or, when the
   * change removed the customer, closes the pop-out).
   */
  async function change(work: () => Promise<unknown>, said = 'Saved.', after: 'reload' | 'close' = 'reload'): Promise<boolean> {
    if (customerId === null) return false;
    busy.value = true;
    problem.value = null;
    done.value = null;
    try {
      await work();
      if (after === 'close') {
        customerId = null;
        state.value = { status: 'closed' };
      } else {
        await load(customerId);
        done.value = said;
      }
      return true;
    } catch (err) {
      problem.value = describeError(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const path = (rest = '') => `/api/customers/${encodeURIComponent(customerId ?? '')}${rest}`;

  /** The pop-out, loading the customer `which` names, from its first tab. */
  async function opening(which: () => Promise<string>): Promise<void> {
    state.value = { status: 'loading' };
    tab.value = 'details';
    problem.value = null;
    customerId = null;
    organization.value = null;
    loadOrganizations();
    void loadFieldDefinitions().then((d) => (definitions.value = d));
    try {
      await load(await which());
    } catch (err) {
      state.value = { status: 'failed', message: describeError(err) };
    }
  }

  return {
    state,
    tab,
    busy,
    problem,
    done,
    version,
    organizations,
    organization,
    definitions,
    canOpenItems: openItem !== null,
    /** Opens the customer an address belongs to (the underlined email). */
    openByEmail(email: string): Promise<void> {
      return opening(async () => (await getJson<CustomerLookupResponse>(`/api/customers/lookup?email=${encodeURIComponent(email)}`)).customerId);
    },
    /** Opens a customer by id (a search result). */
    openById(id: string): Promise<void> {
      return opening(async () => id);
    },
    close(): void {
      customerId = null;
      state.value = { status: 'closed' };
    },
    showTab(next: CustomerTab): void {
      tab.value = next;
      problem.value = null;
      done.value = null;
    },
    open(item: Pick<ItemRef, 'kind' | 'id'>): void {
      if (!openItem) return;
      customerId = null;
      state.value = { status: 'closed' };
      openItem(item);
    },
    save: (body: CustomerEditBody) => change(() => patchJson(path(), body)),
    addComment: (text: string, sticky: boolean) => change(() => postJson(path('/comments'), { text, sticky }), 'Comment added.'),
    setSticky: (commentId: string, sticky: boolean) =>
      change(() => patchJson(path(`/comments/${encodeURIComponent(commentId)}`), { sticky }), sticky ? 'The comment now shows on every chat.' : 'The comment no longer shows on chats.'),
    removeComment: (commentId: string) => change(() => del(path(`/comments/${encodeURIComponent(commentId)}`)), 'Comment deleted.'),
    /** Merges the customer another address belongs to into this one. */
    mergeByEmail: (email: string) =>
      change(async () => {
        const other = await getJson<CustomerLookupResponse>(`/api/customers/lookup?email=${encodeURIComponent(email)}`);
        await postJson(path('/merge'), { customerId: other.customerId });
      }, `Merged ${email} into this customer.`),
    /** Starts a ticket from one of the customer's chats or call logs, then opens it. */
    async ticketFrom(source: { chatId: string } | { callId: string }, subject: string): Promise<boolean> {
      let ticketId: string | null = null;
      const ok = await change(async () => {
        ticketId = (await postJson<TicketResponse>('/api/tickets', { ...source, subject })).ticket.id;
      }, 'Ticket created.');
      if (ok && ticketId !== null && openItem) this.open({ kind: 'ticket', id: ticketId });
      return ok;
    },
    /** The seed's ticket merge: `fromId`'s thread moves into `intoId`, and `fromId` is closed. */
    mergeTickets: (fromId: string, intoId: string) =>
      change(() => postJson(`/api/tickets/${encodeURIComponent(intoId)}/merge`, { ticketId: fromId }), 'Tickets merged.'),
    /** Where an administrator downloads everything about the customer (one JSON document). */
    exportPath: () => path('/export'),
    /** Erases the customer (administrators); the pop-out closes once they are gone. */
    erase: () => change(() => del(path()), 'Erased.', 'close'),
    async showOrganization(id: string): Promise<void> {
      problem.value = null;
      try {
        organization.value = await getJson<OrganizationResponse>(`/api/organizations/${encodeURIComponent(id)}`);
      } catch (err) {
        problem.value = describeError(err);
      }
    },
    backToCustomer(): void {
      organization.value = null;
    },
    /** Opens another customer (from an organization's page). */
    async openCustomer(id: string): Promise<void> {
      organization.value = null;
      tab.value = 'details';
      state.value = { status: 'loading' };
      await load(id);
    },
    /** A new organization (managers and administrators), assigned to this customer. */
    createOrganization: (name: string, domain: string | null) =>
      change(async () => {
        const { organization: created } = await postJson<{ organization: OrganizationRef }>('/api/organizations', { name, domain });
        await patchJson(path(), { organizationId: created.id });
        loadOrganizations();
      }, 'Organization created and assigned.'),
  };
}
