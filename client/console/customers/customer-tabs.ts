// Which of the seed's user-details tabs a customer's pop-out shows, and the count on each label,
// from the customer's data alone: what staff can always add to or read (Details, Contact Info,
// Portal Settings, Roles, Comments, Statistics, History) always shows; a list shows when it holds
// something; Custom Fields when fields are defined or the customer has values. Pure.
import type { CustomerDetailsResponse } from '../../../worker/customers/wire.ts';

export const CUSTOMER_TAB_IDS = [
  'details', 'contact', 'portal', 'roles', 'fields', 'comments', 'tickets', 'chats', 'calls', 'survey', 'forms', 'statistics', 'history',
] as const;
export type CustomerTab = (typeof CUSTOMER_TAB_IDS)[number];

export const CUSTOMER_TAB_LABELS: Readonly<Record<CustomerTab, string>> = {
  details: 'Details',
  contact: 'Contact Info',
  portal: 'Portal Settings',
  roles: 'Roles',
  fields: 'Custom Fields',
  comments: 'Comments',
  tickets: 'Tickets',
  chats: 'Live Chats',
  calls: 'Calls',
  survey: 'Survey',
  forms: 'Forms',
  statistics: 'Statistics',
  history: 'History',
};

export interface CustomerTabEntry {
  id: CustomerTab;
  label: string;
  count: number | null;
}

export function customerTabs(d: CustomerDetailsResponse, fieldsDefined: number): CustomerTabEntry[] {
  const values = Object.values(d.customer.customFields).filter((v) => v !== '').length;
  /** How many each counted tab holds. */
  const counts: Partial<Record<CustomerTab, number>> = {
    fields: values,
    comments: d.comments.length,
    tickets: d.tickets.length,
    chats: d.chats.length,
    calls: d.calls.length,
    survey: d.surveys.length,
    forms: d.forms.length,
  };
  const lists: readonly CustomerTab[] = ['tickets', 'chats', 'calls', 'survey', 'forms'];
  const shown = (id: CustomerTab) => {
    if (id === 'fields') return values > 0 || fieldsDefined > 0;
    return !lists.includes(id) || (counts[id] ?? 0) > 0;
  };
  return CUSTOMER_TAB_IDS.filter(shown).map((id) => {
    const count = counts[id] ?? null;
    return { id, count, label: count ? `${CUSTOMER_TAB_LABELS[id]} (${count})` : CUSTOMER_TAB_LABELS[id] };
  });
}
