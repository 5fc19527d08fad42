// Every door: each HTTP route and WebSocket upgrade, the scene it is knocked at in, and the status
// each kind of caller must get. Four files knock at them, a part each (`Part`, below):
// access-matrix.test.ts (which also compares the matrix with the app's own route table, so a new
// route missing here fails), access-matrix-chats, -items and -admin.test.ts. Sockets that stay open while rights change are in socket-authority.test.ts.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ORIGIN, seedWorld, signInAs, startChat, TEST_THRESHOLDS, type World } from '../helpers.ts';

const PERSONAS = ['anonymous', 'visitorHere', 'visitorOther', 'agentIn', 'agentOut', 'manager', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];

interface Scene {
  world: World;
  /** A queued chat in group A. */
  chatId: string;
  /** The visitor token of that chat, and of another chat. */
  tokenHere: string;
  tokenOther: string;
  unique: string;
  /** A ticket, a task (Alice's) and a call log (Alice's) in group A. */
  ticketId: string;
  taskId: string;
  callId: string;
  /** The ticket's customer and the call log's (another one), each with their own address. */
  customerEmail: string;
  customerId: string;
  otherCustomerId: string;
  /** A second ticket of group A, to merge. */
  otherTicketId: string;
  /** A shared canned reply (an administrator's), without files. */
  replyId: string;
  /** A manual event for group A that adds a General comment. */
  eventId: string;
}

interface Door {
  /**
   * A door that changes something gets a fresh scene for each caller: fresh people and groups,
   * and for the chat actions a fresh chat too (chat objects are the costly part of a scene); a door
   * that changes only a help-desk item gets fresh items in the shared scene (and its sign-ins).
   */
  mutates?: 'world' | 'chat' | 'items';
  body?: (s: Scene) => unknown;
  /** Sends a small text file as the body, as a file upload does. */
  upload?: boolean;
  path: (s: Scene) => string;
  upgrade?: boolean;
  expect: Record<Persona, number>;
}

/** Same answer for every caller. */
const all = (status: number): Record<Persona, number> =>
  Object.fromEntries(PERSONAS.map((p) => [p, status])) as Record<Persona, number>;
/** Refused (401) without a staff session; `staff` for each staff persona. */
const staff = (agentIn: number, agentOut: number, manager: number, admin: number): Record<Persona, number> => ({
  anonymous: 401,
  visitorHere: 401,
  visitorOther: 401,
  agentIn,
  agentOut,
  manager,
  admin,
});
const adminOnly = (status: number) => staff(403, 403, 403, status);
/** Only the holder of this chat's token gets past the door. */
const visitorOnly = (status: number): Record<Persona, number> => ({
  anonymous: 401,
  visitorHere: status,
  visitorOther: 401,
  agentIn: 401,
  agentOut: 401,
  manager: 401,
  admin: 401,
});

export const MATRIX: Record<string, Door> = {
  'POST /api/auth/login': { path: () => '/api/auth/login', body: (s) => ({ email: `${s.unique}@y.test`, password: 'wrong' }), mutates: 'world', expect: all(401) },
  'POST /api/auth/logout': { mutates: 'world', path: () => '/api/auth/logout', expect: staff(204, 204, 204, 204) },
  'POST /api/auth/logout-all': { mutates: 'world', path: () => '/api/auth/logout-all', expect: staff(204, 204, 204, 204) },
  'GET /api/me': { path: () => '/api/me', expect: staff(200, 200, 200, 200) },
  'GET /api/agents': { path: () => '/api/agents', expect: staff(200, 200, 200, 200) },
  'GET /api/chats': { path: () => '/api/chats?view=queued', expect: staff(200, 200, 200, 200) },
  'GET /api/chats/:id': { path: (s) => `/api/chats/${s.chatId}`, expect: staff(200, 404, 200, 200) },
  'POST /api/chats/:id/take': { mutates: 'chat', path: (s) => `/api/chats/${s.chatId}/take`, expect: staff(200, 404, 200, 200) },
  'POST /api/chats/:id/take-over': { mutates: 'chat', path: (s) => `/api/chats/${s.chatId}/take-over`, expect: staff(403, 404, 200, 200) },
  'POST /api/chats/:id/end': { mutates: 'chat', path: (s) => `/api/chats/${s.chatId}/end`, expect: staff(200, 404, 200, 200) },
  'GET /api/chats/:id/transcript': { path: (s) => `/api/chats/${s.chatId}/transcript`, expect: staff(200, 404, 200, 200) },
  'GET /api/visitor/chats/:id/transcript': {
    path: (s) => `/api/visitor/chats/${s.chatId}/transcript`,
    expect: { anonymous: 401, visitorHere: 200, visitorOther: 401, agentIn: 401, agentOut: 401, manager: 401, admin: 401 },
  },
  // The chat is queued: nobody may send the customer a file before taking it (409 not_active).
  'POST /api/chats/:id/files': {
    mutates: 'chat',
    path: (s) => `/api/chats/${s.chatId}/files`,
    upload: true,
    expect: staff(409, 404, 409, 409),
  },
  // No such file: staff who may see the chat reach the file look-up (404 not_found) all the same.
  'GET /api/chats/:id/files/:fileId': { path: (s) => `/api/chats/${s.chatId}/files/nope`, expect: staff(404, 404, 404, 404) },
  'POST /api/chats/:id/transcript-email': {
    path: (s) => `/api/chats/${s.chatId}/transcript-email`,
    body: () => ({ addresses: 'someone@example.test' }),
    expect: staff(409, 404, 409, 409),
  },
  'GET /api/messages': { path: () => '/api/messages', expect: staff(200, 200, 200, 200) },
  'POST /api/messages/:id/handled': { path: () => '/api/messages/nope/handled', expect: staff(404, 404, 404, 404) },
  'GET /api/public/config': { path: () => '/api/public/config', expect: all(200) },
  'GET /api/public/online': { path: () => '/api/public/online', expect: all(200) },
  'GET /api/auth/session': { path: () => '/api/auth/session', expect: all(200) },
  'GET /api/public/kb/search': { path: () => '/api/public/kb/search?q=password', expect: all(200) },
  'GET /api/public/kb/articles/:id': { path: () => '/api/public/kb/articles/nope', expect: all(404) },
  'POST /api/public/kb/deflections': {
    path: () => '/api/public/kb/deflections',
    body: (s) => ({ articleId: 'nope', groupId: s.world.groupA, question: 'q' }),
    expect: all(404),
  },
  'POST /api/visitor/messages': {
    path: () => '/api/visitor/messages',
    body: (s) => ({ name: 'V', email: 'v@example.test', message: 'Call me back', groupId: s.world.groupA }),
    expect: all(201),
  },
  'POST /api/visitor/chats/:id/files': {
    mutates: 'chat',
    path: (s) => `/api/visitor/chats/${s.chatId}/files`,
    upload: true,
    expect: visitorOnly(201),
  },
  'GET /api/visitor/chats/:id/files/:fileId': { path: (s) => `/api/visitor/chats/${s.chatId}/files/nope`, expect: visitorOnly(404) },
  'POST /api/visitor/chats/:id/transcript-email': {
    path: (s) => `/api/visitor/chats/${s.chatId}/transcript-email`,
    body: () => ({}),
    expect: visitorOnly(409),
  },
  'POST /api/visitor/chats/:id/survey': {
    path: (s) => `/api/visitor/chats/${s.chatId}/survey`,
    body: () => ({ rating: 5 }),
    expect: visitorOnly(409),
  },
  'GET /api/admin/kb': { path: () => '/api/admin/kb', expect: adminOnly(200) },
  'POST /api/admin/kb': { path: () => '/api/admin/kb', body: () => ({ title: 'T', body: 'B' }), expect: adminOnly(201) },
  'PUT /api/admin/kb/:id': { path: () => '/api/admin/kb/nope', body: () => ({ title: 'T', body: 'B' }), expect: adminOnly(404) },
  'POST /api/admin/kb/:id/publish': { path: () => '/api/admin/kb/nope/publish', expect: adminOnly(404) },
  'POST /api/admin/kb/:id/unpublish': { path: () => '/api/admin/kb/nope/unpublish', expect: adminOnly(404) },
  'DELETE /api/admin/kb/:id': { path: () => '/api/admin/kb/nope', expect: adminOnly(404) },
  'GET /api/admin/kb/stats': { path: () => '/api/admin/kb/stats', expect: adminOnly(200) },
  'GET /api/admin/links': { path: () => '/api/admin/links', expect: adminOnly(200) },
  'POST /api/admin/links': {
    mutates: 'world',
    path: () => '/api/admin/links',
    body: (s) => ({ slug: `l-${s.unique.slice(0, 8)}`, name: 'L', groupId: s.world.groupA }),
    expect: adminOnly(201),
  },
  'DELETE /api/admin/links/:slug': { path: () => '/api/admin/links/nope', expect: adminOnly(404) },
  'GET /api/admin/fields': { path: () => '/api/admin/fields', expect: adminOnly(200) },
  'POST /api/admin/fields': {
    mutates: 'world',
    path: () => '/api/admin/fields',
    body: (s) => ({ key: `f-${s.unique.slice(0, 8)}`, label: 'Order number', type: 'text' }),
    expect: adminOnly(201),
  },
  'DELETE /api/admin/fields/:key': { path: () => '/api/admin/fields/nope', expect: adminOnly(404) },
  // Locally there is no Workers AI: staff who may see the chat are told translation is off.
  'POST /api/chats/:id/translate': {
    path: (s) => `/api/chats/${s.chatId}/translate`,
    body: () => ({ language: 'de' }),
    expect: staff(503, 404, 503, 503),
  },
  'GET /chat/:slug': { path: () => '/chat/orders', expect: all(302) },
  // A published article's page is public; there is no such article here.
  'GET /kb/:id': { path: () => '/kb/nope', expect: all(404) },
  'GET /api/chats/counts': { path: () => '/api/chats/counts', expect: staff(200, 200, 200, 200) },
  'POST /api/chats/:id/transfer': {
    mutates: 'chat',
    path: (s) => `/api/chats/${s.chatId}/transfer`,
    body: (s) => ({ to: { kind: 'group', groupId: s.world.groupB } }),
    expect: staff(200, 404, 200, 200),
  },
  'PUT /api/chats/:id/follow-up': {
    mutates: 'chat',
    path: (s) => `/api/chats/${s.chatId}/follow-up`,
    body: () => ({ at: Date.now() + 3_600_000 }),
    expect: staff(200, 404, 200, 200),
  },
  'GET /api/chats/:id/comments': { path: (s) => `/api/chats/${s.chatId}/comments`, expect: staff(200, 404, 200, 200) },
  // Agent assistance: staff who may see the chat (Carol is not in its group); never a customer.
  'GET /api/chats/:id/assistance': { path: (s) => `/api/chats/${s.chatId}/assistance`, expect: staff(200, 404, 200, 200) },
  'POST /api/chats/:id/comments': {
    mutates: 'chat',
    path: (s) => `/api/chats/${s.chatId}/comments`,
    body: () => ({ kind: 'general', text: 'A note for staff' }),
    expect: staff(201, 404, 201, 201),
  },
  // No such comment: staff of the chat's group reach the object's answer (404 no_such_comment).
  'PATCH /api/chats/:id/comments/:commentId': {
    path: (s) => `/api/chats/${s.chatId}/comments/none`,
    body: () => ({ text: 'changed' }),
    expect: staff(404, 404, 404, 404),
  },
  'DELETE /api/chats/:id/comments/:commentId': { path: (s) => `/api/chats/${s.chatId}/comments/none`, expect: staff(404, 404, 404, 404) },
  'GET /api/chats/:id/time-logs': { path: (s) => `/api/chats/${s.chatId}/time-logs`, expect: staff(200, 404, 200, 200) },
  'POST /api/chats/:id/time-logs': {
    mutates: 'chat',
    path: (s) => `/api/chats/${s.chatId}/time-logs`,
    body: () => ({ minutes: 15 }),
    expect: staff(201, 404, 201, 201),
  },
  'DELETE /api/chats/:id/time-logs/:timeLogId': { path: (s) => `/api/chats/${s.chatId}/time-logs/none`, expect: staff(404, 404, 404, 404) },
  // A field that is not defined: staff of the chat's group reach the rule (400 invalid_field).
  'PUT /api/chats/:id/fields': {
    path: (s) => `/api/chats/${s.chatId}/fields`,
    body: () => ({ fields: { undefined_field: 'x' } }),
    expect: staff(400, 404, 400, 400),
  },
  // The chat is still queued: staff who may see it reach the rule (409: only completed chats).
  'DELETE /api/chats/:id': { path: (s) => `/api/chats/${s.chatId}`, expect: staff(409, 404, 409, 409) },
  'POST /api/bulk/delete': { path: () => '/api/bulk/delete', body: (s) => ({ chatIds: [s.chatId] }), expect: staff(409, 404, 409, 409) },
  'POST /api/bulk/transfer': {
    mutates: 'chat',
    path: () => '/api/bulk/transfer',
    body: (s) => ({ chatIds: [s.chatId], to: { kind: 'group', groupId: s.world.groupB } }),
    expect: staff(200, 404, 200, 200),
  },
  'GET /api/manual-events': { path: () => '/api/manual-events', expect: staff(200, 200, 200, 200) },
  'GET /api/chats/:id/manual-events': { path: (s) => `/api/chats/${s.chatId}/manual-events`, expect: staff(200, 404, 200, 200) },
  'POST /api/chats/:id/manual-events/:eventId/run': { mutates: 'chat', path: (s) => `/api/chats/${s.chatId}/manual-events/${s.eventId}/run`, expect: staff(200, 404, 200, 200) },
  'POST /api/bulk/manual-events/:eventId/run': {
    mutates: 'chat',
    path: (s) => `/api/bulk/manual-events/${s.eventId}/run`,
    body: (s) => ({ chatIds: [s.chatId] }),
    expect: staff(200, 404, 200, 200),
  },
  'GET /api/admin/manual-events': { path: () => '/api/admin/manual-events', expect: adminOnly(200) },
  // A new name for every knock: the shared scene serves, and no world is made for it.
  'POST /api/admin/manual-events': {
    path: () => '/api/admin/manual-events',
    body: (s) => ({ name: `E ${crypto.randomUUID()}`, groupIds: [s.world.groupA], actions: [{ type: 'end-chat' }] }),
    expect: adminOnly(201),
  },
  'PUT /api/admin/manual-events/:id': {
    path: () => '/api/admin/manual-events/nope',
    body: (s) => ({ name: 'Renamed', groupIds: [s.world.groupA], actions: [{ type: 'end-chat' }] }),
    expect: adminOnly(404),
  },
  'DELETE /api/admin/manual-events/:id': { path: () => '/api/admin/manual-events/nope', expect: adminOnly(404) },
  'GET /api/tickets': { path: () => '/api/tickets?view=mine', expect: staff(200, 200, 200, 200) },
  // Made from the shared chat: a new ticket and relation each time, which no other door reads.
  'POST /api/tickets': { mutates: 'items', path: () => '/api/tickets', body: (s) => ({ subject: 'Broken lid', chatId: s.chatId }), expect: staff(201, 404, 201, 201) },
  'GET /api/tickets/:id': { path: (s) => `/api/tickets/${s.ticketId}`, expect: staff(200, 404, 200, 200) },
  'PATCH /api/tickets/:id': { mutates: 'items', path: (s) => `/api/tickets/${s.ticketId}`, body: () => ({ priority: 'high' }), expect: staff(200, 404, 200, 200) },
  'POST /api/tickets/:id/entries': {
    mutates: 'items',
    path: (s) => `/api/tickets/${s.ticketId}/entries`,
    body: () => ({ kind: 'note', text: 'Internal' }),
    expect: staff(201, 404, 201, 201),
  },
  'POST /api/tickets/:id/merge': {
    mutates: 'items',
    path: (s) => `/api/tickets/${s.ticketId}/merge`,
    body: (s) => ({ ticketId: s.otherTicketId }),
    expect: staff(200, 404, 200, 200),
  },
  'GET /api/tickets/:id/time-logs': { path: (s) => `/api/tickets/${s.ticketId}/time-logs`, expect: staff(200, 404, 200, 200) },
  'POST /api/tickets/:id/time-logs': { mutates: 'items', path: (s) => `/api/tickets/${s.ticketId}/time-logs`, body: () => ({ minutes: 5 }), expect: staff(201, 404, 201, 201) },
  'DELETE /api/tickets/:id/time-logs/:timeLogId': { path: (s) => `/api/tickets/${s.ticketId}/time-logs/none`, expect: staff(404, 404, 404, 404) },
  'GET /api/tasks': { path: () => '/api/tasks', expect: staff(200, 200, 200, 200) },
  // Carol is not in group A: for her it is no group of hers (404 unknown_group).
  'POST /api/tasks': { mutates: 'items', path: () => '/api/tasks', body: (s) => ({ title: 'Call back', groupId: s.world.groupA }), expect: staff(201, 404, 201, 201) },
  'GET /api/tasks/:id': { path: (s) => `/api/tasks/${s.taskId}`, expect: staff(200, 404, 200, 200) },
  'PATCH /api/tasks/:id': { mutates: 'items', path: (s) => `/api/tasks/${s.taskId}`, body: () => ({ done: true }), expect: staff(200, 404, 200, 200) },
  'GET /api/calls': { path: (s) => `/api/calls?view=group&group=${s.world.groupA}`, expect: staff(200, 404, 200, 200) },
  'POST /api/calls': {
    mutates: 'items',
    path: () => '/api/calls',
    body: (s) => ({ groupId: s.world.groupA, customerName: 'Ann', phone: '+1 555 0100', direction: 'inbound', startedAt: Date.now() - 60_000, durationSeconds: 60 }),
    expect: staff(201, 404, 201, 201),
  },
  'GET /api/calls/:id': { path: (s) => `/api/calls/${s.callId}`, expect: staff(200, 404, 200, 200) },
  // The call is Alice's: she, a manager and an administrator may change it.
  'PATCH /api/calls/:id': { mutates: 'items', path: (s) => `/api/calls/${s.callId}`, body: () => ({ notes: 'Called back' }), expect: staff(200, 404, 200, 200) },
  'GET /api/related/find': { path: () => '/api/related/find?q=lid', expect: staff(200, 200, 200, 200) },
  'GET /api/related/:kind/:id': { path: (s) => `/api/related/ticket/${s.ticketId}`, expect: staff(200, 404, 200, 200) },
  // The shared chat and each caller's fresh ticket.
  'POST /api/related/:kind/:id': {
    mutates: 'items',
    path: (s) => `/api/related/chat/${s.chatId}`,
    body: (s) => ({ kind: 'ticket', id: s.ticketId }),
    expect: staff(201, 404, 201, 201),
  },
  // Not related: staff who may see both reach the check (404 not_related).
  'DELETE /api/related/:kind/:id/:toKind/:toId': { path: (s) => `/api/related/chat/${s.chatId}/ticket/${s.ticketId}`, expect: staff(404, 404, 404, 404) },
  'GET /api/customers/lookup': { path: (s) => `/api/customers/lookup?email=${encodeURIComponent(s.customerEmail)}`, expect: staff(200, 404, 200, 200) },
  'GET /api/customers/of-chat/:chatId': { path: (s) => `/api/customers/of-chat/${s.chatId}`, expect: staff(200, 404, 200, 200) },
  'GET /api/customers/:id': { path: (s) => `/api/customers/${s.customerId}`, expect: staff(200, 404, 200, 200) },
  'PATCH /api/customers/:id': { mutates: 'items', path: (s) => `/api/customers/${s.customerId}`, body: () => ({ website: 'https://ann.example.test' }), expect: staff(200, 404, 200, 200) },
  'POST /api/customers/:id/comments': { mutates: 'items', path: (s) => `/api/customers/${s.customerId}/comments`, body: () => ({ text: 'Prefers email' }), expect: staff(201, 404, 201, 201) },
  // No such comment: staff who may open the customer reach the look-up (404).
  'PATCH /api/customers/:id/comments/:commentId': { path: (s) => `/api/customers/${s.customerId}/comments/none`, body: () => ({ sticky: true }), expect: staff(404, 404, 404, 404) },
  'DELETE /api/customers/:id/comments/:commentId': { path: (s) => `/api/customers/${s.customerId}/comments/none`, expect: staff(404, 404, 404, 404) },
  'POST /api/customers/:id/merge': {
    mutates: 'items',
    path: (s) => `/api/customers/${s.customerId}/merge`,
    body: (s) => ({ customerId: s.otherCustomerId }),
    expect: staff(200, 404, 200, 200),
  },
  'GET /api/customers/:id/export': { path: (s) => `/api/customers/${s.customerId}/export`, expect: adminOnly(200) },
  // The administrator reaches the check that the chat is the customer's (404).
  'GET /api/customers/:id/files/:chatId/:fileId': { path: (s) => `/api/customers/${s.customerId}/files/${s.chatId}/none`, expect: adminOnly(404) },
  'DELETE /api/customers/:id': { mutates: 'items', path: (s) => `/api/customers/${s.customerId}`, expect: adminOnly(200) },
  'GET /api/organizations': { path: () => '/api/organizations', expect: staff(200, 200, 200, 200) },
  // A new name for every knock: the shared scene serves, and no world is made for it.
  'POST /api/organizations': { path: () => '/api/organizations', body: () => ({ name: `Org ${crypto.randomUUID()}` }), expect: staff(403, 403, 201, 201) },
  'GET /api/organizations/:id': { path: () => '/api/organizations/none', expect: staff(404, 404, 404, 404) },
  // A public door guarded by the website's signature: without one, everyone is refused alike.
  'POST /api/visitor/history': { path: () => '/api/visitor/history', body: () => ({ identity: 'unsigned' }), expect: all(400) },
  'POST /api/visitor/history/:id/transcript': { path: (s) => `/api/visitor/history/${s.chatId}/transcript`, body: () => ({ identity: 'unsigned' }), expect: all(400) },
  'GET /api/search': { path: (s) => `/api/search?q=order&group=${s.world.groupA}`, expect: staff(200, 404, 200, 200) },
  'GET /api/canned': { path: () => '/api/canned?q=welcome', expect: staff(200, 200, 200, 200) },
  'POST /api/canned': { path: () => '/api/canned', body: () => ({ scope: 'shared', title: 'Opening hours', body: 'We answer 9–5.' }), expect: staff(403, 403, 403, 201) },
  'PATCH /api/canned/:id': { path: (s) => `/api/canned/${s.replyId}`, body: () => ({ folder: 'Greetings' }), expect: staff(403, 403, 403, 200) },
  'DELETE /api/canned/:id': { mutates: 'items', path: (s) => `/api/canned/${s.replyId}`, expect: staff(403, 403, 403, 204) },
  'POST /api/canned/:id/files': { mutates: 'items', path: (s) => `/api/canned/${s.replyId}/files`, upload: true, expect: staff(403, 403, 403, 201) },
  // No such file: everyone on staff may see a shared reply, and reaches the look-up (404).
  'GET /api/canned/:id/files/:fileId': { path: (s) => `/api/canned/${s.replyId}/files/none`, expect: staff(404, 404, 404, 404) },
  'DELETE /api/canned/:id/files/:fileId': { path: (s) => `/api/canned/${s.replyId}/files/none`, expect: staff(403, 403, 403, 404) },
  // Filling is for those who may see the chat (Carol is not in its group).
  'POST /api/canned/:id/fill': { path: (s) => `/api/canned/${s.replyId}/fill`, body: (s) => ({ chatId: s.chatId }), expect: staff(200, 404, 200, 200) },
  // The reply has no files: those who may see the chat reach that rule (400).
  'POST /api/canned/:id/send-files': { path: (s) => `/api/canned/${s.replyId}/send-files`, body: (s) => ({ chatId: s.chatId }), expect: staff(400, 404, 400, 400) },
  'GET /api/me/preferences': { path: () => '/api/me/preferences', expect: staff(200, 200, 200, 200) },
  'PUT /api/me/preferences': {
    mutates: 'world',
    path: () => '/api/me/preferences',
    body: () => ({ columns: [{ id: 'user', width: 160 }] }),
    expect: staff(200, 200, 200, 200),
  },
  'GET /api/admin/settings': { path: () => '/api/admin/settings', expect: adminOnly(200) },
  'PUT /api/admin/settings': {
    path: () => '/api/admin/settings',
    body: () => TEST_THRESHOLDS,
    expect: adminOnly(200),
  },
  'GET /api/chats/:id/ws': { path: (s) => `/api/chats/${s.chatId}/ws`, upgrade: true, expect: staff(101, 404, 101, 101) },
  'GET /api/lobby/ws': { path: (s) => `/api/lobby/ws?group=${s.world.groupA}`, upgrade: true, expect: staff(101, 404, 101, 101) },
  'GET /api/public/groups': { path: () => '/api/public/groups', expect: all(200) },
  'POST /api/visitor/chats': {
    path: () => '/api/visitor/chats',
    body: (s) => ({ name: 'V', email: 'v@example.test', question: 'Hi', groupId: s.world.groupA }),
    expect: all(201),
  },
  'GET /api/visitor/chats/:id/ws': {
    path: (s) => `/api/visitor/chats/${s.chatId}/ws`,
    upgrade: true,
    expect: { anonymous: 401, visitorHere: 101, visitorOther: 401, agentIn: 401, agentOut: 401, manager: 401, admin: 401 },
  },
  'GET /api/admin/agents': { path: () => '/api/admin/agents', expect: adminOnly(200) },
  'POST /api/admin/agents': { mutates: 'world',
    path: () => '/api/admin/agents',
    body: (s) => ({ email: `n.${s.unique}@example.test`, name: 'N', role: 'agent', password: 'long-enough-pw', groupIds: [] }),
    expect: adminOnly(201),
  },
  'PUT /api/admin/agents/:id/role': { mutates: 'world', path: (s) => `/api/admin/agents/${s.world.bob.id}/role`, body: () => ({ role: 'manager' }), expect: adminOnly(200) },
  'PUT /api/admin/agents/:id/disabled': { mutates: 'world',
    path: (s) => `/api/admin/agents/${s.world.bob.id}/disabled`,
    body: () => ({ disabled: true }),
    expect: adminOnly(200),
  },
  'PUT /api/admin/agents/:id/password': { mutates: 'world',
    path: (s) => `/api/admin/agents/${s.world.bob.id}/password`,
    body: () => ({ password: 'another-long-pw' }),
    expect: adminOnly(204),
  },
  'POST /api/admin/agents/:id/unlock': { path: (s) => `/api/admin/agents/${s.world.bob.id}/unlock`, expect: adminOnly(204) },
  'PUT /api/admin/agents/:id/profile': { mutates: 'world',
    path: (s) => `/api/admin/agents/${s.world.bob.id}/profile`,
    body: () => ({ name: 'Robert', maxChats: 3 }),
    expect: adminOnly(200),
  },
  'GET /api/admin/groups': { path: () => '/api/admin/groups', expect: adminOnly(200) },
  'POST /api/admin/groups': { mutates: 'world',
    path: () => '/api/admin/groups',
    body: (s) => ({ name: `G ${s.unique}`, memberIds: [s.world.bob.id] }),
    expect: adminOnly(201),
  },
  'PUT /api/admin/groups/:id': { mutates: 'world', path: (s) => `/api/admin/groups/${s.world.groupB}`, body: (s) => ({ name: `R ${s.unique}` }), expect: adminOnly(200) },
  'DELETE /api/admin/groups/:id': { mutates: 'world', path: (s) => `/api/admin/groups/${s.world.groupB}`, expect: adminOnly(204) },
  'PUT /api/admin/groups/:id/members/:agentId': { mutates: 'world',
    path: (s) => `/api/admin/groups/${s.world.groupA}/members/${s.world.carol.id}`,
    expect: adminOnly(204),
  },
  'DELETE /api/admin/groups/:id/members/:agentId': { mutates: 'world',
    path: (s) => `/api/admin/groups/${s.world.groupA}/members/${s.world.bob.id}`,
    expect: adminOnly(204),
  },
};

async function scene(base?: Scene, freshChat = true): Promise<Scene> {
  const world = await seedWorld();
  const here = freshChat || !base ? await startChat(world.groupA) : { chatId: base.chatId, token: base.tokenHere };
  const tokenOther = base ? base.tokenOther : (await startChat(world.groupA)).token;
  const items = await seedItems(world);
  return { world, chatId: here.chatId, tokenHere: here.token, tokenOther, unique: crypto.randomUUID(), ...items };
}

/** A ticket, a task and a call log of Alice's in group A, and the customers of the ticket and the call, written straight to D1. */
async function seedItems(world: World): Promise<Pick<Scene, 'ticketId' | 'taskId' | 'callId' | 'customerEmail' | 'customerId' | 'otherCustomerId' | 'otherTicketId' | 'replyId' | 'eventId'>> {
  const tag = crypto.randomUUID().slice(0, 8);
  const ids = {
    ticketId: crypto.randomUUID(),
    taskId: crypto.randomUUID(),
    callId: crypto.randomUUID(),
    customerEmail: `ann.${tag}@example.test`,
    customerId: `cu-${tag}`,
    otherCustomerId: `cu2-${tag}`,
    otherTicketId: crypto.randomUUID(),
    replyId: crypto.randomUUID(),
    eventId: crypto.randomUUID(),
  };
  const callEmail = `ann.calls.${tag}@example.test`;
  const now = Date.now();
  const customer = (id: string, email: string) => [
    env.DB.prepare('INSERT INTO customers (id, name, first_seen_at, last_seen_at, created_at) VALUES (?, ?, ?, ?, ?)').bind(id, 'Ann', now, now, now),
    env.DB.prepare('INSERT INTO customer_emails (email, customer_id, created_at) VALUES (?, ?, ?)').bind(email, id, now),
  ];
  const { alice, groupA } = world;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO tickets (id, number, subject, status, priority, group_id, agent_id, agent_name, customer_name, customer_email, created_by, created_at, updated_at)
       SELECT ?, COALESCE(MAX(number) + 1, 1001), 'Lid broken', 'open', 'normal', ?, ?, ?, 'Ann', ?, ?, ?, ? FROM tickets`,
    ).bind(ids.ticketId, groupA, alice.id, alice.name, ids.customerEmail, alice.id, now, now),
    env.DB.prepare(
      `INSERT INTO tickets (id, number, subject, status, priority, group_id, customer_name, customer_email, created_by, created_at, updated_at)
       SELECT ?, COALESCE(MAX(number) + 1, 1001), 'Lid broken again', 'open', 'normal', ?, 'Ann', ?, ?, ?, ? FROM tickets`,
    ).bind(ids.otherTicketId, groupA, ids.customerEmail, alice.id, now, now),
    env.DB.prepare('INSERT INTO tasks (id, title, group_id, assignee_id, assignee_name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').bind(ids.taskId, 'Ring Ann', groupA, alice.id, alice.name, alice.id, now),
    env.DB.prepare(
      `INSERT INTO call_logs (id, number, customer_name, customer_email, phone, direction, started_at, duration_seconds, group_id, agent_id, agent_name, created_at)
       SELECT ?, COALESCE(MAX(number) + 1, 5001), 'Ann', ?, '+1 555 0100', 'inbound', ?, 60, ?, ?, ?, ? FROM call_logs`,
    ).bind(ids.callId, callEmail, now - 60_000, groupA, alice.id, alice.name, now),
    ...customer(ids.customerId, ids.customerEmail),
    ...customer(ids.otherCustomerId, callEmail),
    env.DB.prepare(
      `INSERT INTO canned_replies (id, scope, title, body, created_by, created_at, updated_at) VALUES (?, 'shared', 'Welcome', 'Hi {{customer.first_name|there}}!', ?, ?, ?)`,
    ).bind(ids.replyId, world.adam.id, now, now),
    env.DB.prepare('INSERT INTO manual_events (id, name, actions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').bind(
      ids.eventId,
      `Note ${ids.eventId}`,
      JSON.stringify([{ type: 'add-comment', kind: 'general', text: 'Noted' }]),
      now,
      now,
    ),
    env.DB.prepare('INSERT INTO manual_event_groups (event_id, group_id) VALUES (?, ?)').bind(ids.eventId, groupA),
  ]);
  return ids;
}

/** One scene for every door that changes nothing, made when the first of them needs it. */
let readOnly: Promise<Scene> | null = null;
const readOnlyScene = (): Promise<Scene> => (readOnly ??= scene());

/** Each world's sign-ins, made once per persona: a session cookie serves every door of that world. */
const cookies = new WeakMap<World, Map<Persona, Promise<string>>>();
function cookieOf(s: Scene, persona: Persona, agent: World['alice']): Promise<string> {
  let mine = cookies.get(s.world);
  if (!mine) cookies.set(s.world, (mine = new Map()));
  let cookie = mine.get(persona);
  if (!cookie) mine.set(persona, (cookie = signInAs(agent)));
  return cookie;
}

/** The credentials each persona brings: a visitor's token rides on the query, staff hold a session. */
async function credentials(persona: Persona, s: Scene): Promise<{ cookie?: string; token?: string }> {
  switch (persona) {
    case 'anonymous':
      return {};
    case 'visitorHere':
      return { token: s.tokenHere };
    case 'visitorOther':
      return { token: s.tokenOther };
    case 'agentIn':
      return { cookie: await cookieOf(s, persona, s.world.alice) };
    case 'agentOut':
      return { cookie: await cookieOf(s, persona, s.world.carol) };
    case 'manager':
      return { cookie: await cookieOf(s, persona, s.world.mona) };
    case 'admin':
      return { cookie: await cookieOf(s, persona, s.world.adam) };
  }
}

async function knock(route: string, door: Door, persona: Persona, shared: Scene): Promise<number> {
  const s = door.mutates === 'items' ? { ...shared, ...(await seedItems(shared.world)) } : door.mutates ? await scene(shared, door.mutates === 'chat') : shared;
  const { cookie, token } = await credentials(persona, s);
  const [method] = route.split(' ');
  let path = door.path(s);
  if (token) path += `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
  const headers = new Headers({ Origin: ORIGIN });
  if (cookie) headers.set('Cookie', cookie);
  if (door.upgrade) headers.set('Upgrade', 'websocket');
  let body = door.body ? JSON.stringify(door.body(s)) : undefined;
  if (body) headers.set('content-type', 'application/json');
  if (door.upload) {
    body = 'order 1234\n';
    headers.set('content-type', 'text/plain');
    headers.set('x-filename', 'note.txt');
  }
  const res = await SELF.fetch(`${ORIGIN}${path}`, { method, headers, body, redirect: 'manual' });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close();
  }
  return res.status;
}

/**
 * The parts of the matrix, each knocked at in a test file of its own: each file has storage of its
 * own, so no database grows with another part's worlds (requests slow down as one does), and the
 * files run side by side. Measured: 300 s in one file, 160 s in two (the administration's and the
 * rest, whose file alone then took 85–92 s, the suite's longest by far), then four.
 */
export type Part = 'administration' | 'chats' | 'items' | 'doorstep';

const PARTS: Record<string, Part> = {
  admin: 'administration',
  chats: 'chats',
  bulk: 'chats',
  messages: 'chats',
  'manual-events': 'chats',
  lobby: 'chats',
  tickets: 'items',
  tasks: 'items',
  calls: 'items',
  related: 'items',
  customers: 'items',
  organizations: 'items',
  canned: 'items',
  search: 'items',
  // Signing in, the staff member's own settings, and what customers and visitors reach.
  auth: 'doorstep',
  me: 'doorstep',
  agents: 'doorstep',
  visitor: 'doorstep',
  public: 'doorstep',
};

/** The part a route belongs to; a route of a new kind fails every matrix file until it has one. */
export function partOf(route: string): Part {
  const [, first, second] = route.split(' ')[1]!.split('/');
  if (first !== 'api') return 'doorstep'; // live chat links and article pages
  const part = PARTS[second ?? ''];
  if (!part) throw new Error(`the access matrix has no part for ${route}: add /api/${second} to PARTS`);
  return part;
}

/** The matrix's doors of one part, each knocked at by every kind of caller. */
export function knockAtDoors(title: string, part: Part): void {
  describe(title, () => {
    for (const [route, door] of Object.entries(MATRIX).filter(([route]) => partOf(route) === part)) {
      it(`${route}`, async () => {
        // Doors that change nothing share one scene (and its sign-ins); the others make their own.
        const shared = door.mutates && door.mutates !== 'items' ? await scene() : await readOnlyScene();
        const got: Partial<Record<Persona, number>> = {};
        for (const persona of PERSONAS) got[persona] = await knock(route, door, persona, shared);
        expect(got).toEqual(door.expect);
      }, 90_000);
    }
  });
}
