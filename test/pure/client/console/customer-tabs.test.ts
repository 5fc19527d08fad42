// The user-details pop-out's tabs come from the customer's data alone: what staff can always read
// or add to is always there, a list only when it holds something, Custom Fields when fields are
// defined or the customer has values; counts ride on the labels.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customerTabs } from '../../../../client/console/customers/customer-tabs.ts';
import type { CustomerDetailsResponse } from '../../../../worker/customers/wire.ts';

const zero = { last7: 0, last30: 0, last90: 0, all: 0 };

function details(over: Partial<CustomerDetailsResponse> = {}, fields: Record<string, string> = {}): CustomerDetailsResponse {
  return {
    customer: {
      id: 'c', name: 'Ann', emails: ['ann@example.com'], organization: null, suggestedOrganization: null, timeZone: null, timeZoneByStaff: false,
      language: null, languageByStaff: false, website: '', homePhone: '', workPhone: '', mobilePhone: '', address: '', subscribed: false,
      customFields: fields, externalId: null, verifiedAt: null, lastSignInAt: null, firstSeenAt: 0, lastSeenAt: 0,
    },
    authentication: 'unverified',
    roles: ['Customer'],
    comments: [],
    tickets: [],
    chats: [],
    calls: [],
    surveys: [],
    forms: [],
    statistics: { tickets: zero, liveChats: zero, calls: zero, timeLogs: zero },
    history: { firstSeenAt: 0, lastSeenAt: 0, lastChatAt: null, lastTicketAt: null, lastCallAt: null, lastMessageLeftAt: null, lastSignInAt: null },
    ...over,
  };
}

describe('customerTabs', () => {
  it('shows what can always be read or added to, and no empty list', () => {
    assert.deepEqual(
      customerTabs(details(), 0).map((t) => t.label),
      ['Details', 'Contact Info', 'Portal Settings', 'Roles', 'Comments', 'Statistics', 'History'],
    );
  });

  it('shows each list that holds something, with its count, and Custom Fields when defined or filled', () => {
    const chat = { id: 'x', status: 'ended', groupId: 'g', groupName: 'G', agentName: null, startedAt: 0, queueMs: null, endedAt: 1, messageCount: 2, verified: false } as const;
    const tabs = customerTabs(details({ chats: [chat, { ...chat, id: 'y' }] }, { tier: 'gold' }), 0);
    assert.deepEqual(
      tabs.map((t) => t.label),
      ['Details', 'Contact Info', 'Portal Settings', 'Roles', 'Custom Fields (1)', 'Comments', 'Live Chats (2)', 'Statistics', 'History'],
    );
    assert.ok(customerTabs(details(), 2).some((t) => t.id === 'fields' && t.label === 'Custom Fields'));
  });
});
