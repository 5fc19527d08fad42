// Demo chats for `npm start`, made through the running server's own API the way a customer and the
// demo agents would (chats live in Durable Objects, so SQL alone cannot make them): one waiting in
// the queue, one Bob took and has left idle past its warning (the demo's idle warning is 30 s), one Alice is handling (with a custom field, a sticky and a follow-up comment, a time
// log, a coaching line, and beside it a ticket, a task, a call log and a related earlier ticket
// with how it was resolved), one ended and rated with a Resolution comment; and the shop's
// knowledge base (scripts/demo-kb.ts), so the Assistance panel has articles and resolutions to
// suggest in Alice's chat, and canned replies of every scope (scripts/demo-canned.ts). Made once: if the deployment already has chats, nothing is added.
import { MAX_IDENTITY_LIFETIME_S, signIdentity } from '../worker/auth/signed-identity.ts';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../objects/protocol.ts';
import { DEMO_PASSWORD } from './seed.ts';
import { addDemoArticles } from './demo-kb.ts';
import { addDemoCannedReplies } from './demo-canned.ts';

/** The custom field the demo's pre-chat form asks (optional, so it never blocks a chat). */
const DEMO_FIELD = { key: 'order-number', label: 'Order number', type: 'number', required: false };
/**
 * The demo's idle warning (the list's yellow): 30 s instead of the default 2 minutes, so a newcomer
 * sees a chat turn yellow within the first minute. The high-idle (red) threshold keeps its default.
 * Administration → Chat settings changes both.
 */
export const DEMO_IDLE_WARNING_SECONDS = 30;
/** How long one demo step may take before the demo gives up (the server is already up). */
const STEP_TIMEOUT_MS = 10_000;

interface Staff {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  cookie: string;
}

async function signIn(origin: string, email: string): Promise<Staff> {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  if (!login.ok) throw new Error(`signing in as ${email}: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return {
    cookie,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${origin}${path}`, {
        method,
        headers: { origin, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
      });
      if (!res.ok && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
  };
}

async function startChat(origin: string, body: Record<string, unknown>): Promise<{ chatId: string; token: string }> {
  const res = await fetch(`${origin}/api/visitor/chats`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  if (res.status !== 201) throw new Error(`starting a demo chat: ${res.status} ${await res.text()}`);
  return (await res.json()) as { chatId: string; token: string };
}

/** Sends frames on a chat socket and waits until each is stored (its event comes back). */
async function say(url: string, headers: Record<string, string>, frames: readonly ClientFrame[]): Promise<void> {
  const ws = new WebSocket(url, { headers });
  const waiting = new Set(frames.flatMap((f) => ('id' in f ? [f.id] : [])));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a demo message was not stored in time')), STEP_TIMEOUT_MS);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'synced') for (const f of frames) ws.send(JSON.stringify(f));
      if (frame.type === 'event' && 'clientId' in frame.event) waiting.delete(frame.event.clientId);
      if (frame.type === 'error') reject(new Error(`demo frame refused: ${frame.message}`));
      if (frame.type === 'synced' || frame.type === 'event') {
        if (waiting.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
  });
  ws.close();
}

const message = (text: string): ClientFrame => ({ type: 'send', id: crypto.randomUUID(), text });

/** The demo shop's signed-in customer: their ended chat was started with a signed identity. */
export const DEMO_SIGNED_IN = { email: 'sam@example.test', name: 'Sam Solved', id: 'shop-customer-7' };

/** A signed identity for the demo's signed-in customer, as the shop's server would make it. */
export function demoIdentity(identitySecret: string): Promise<string> {
  return signIdentity(identitySecret, { ...DEMO_SIGNED_IN, exp: Math.floor(Date.now() / 1000) + MAX_IDENTITY_LIFETIME_S - 60 });
}

export async function addDemoChats(origin: string, identitySecret: string | null = null): Promise<'added' | 'kept'> {
  const ws = origin.replace(/^http/, 'ws');
  const [admin, alice] = await Promise.all([signIn(origin, 'admin@switchboard.local'), signIn(origin, 'alice@switchboard.local')]);
  const { total } = await admin.call<{ total: number }>('GET', '/api/chats?view=global&limit=1');
  if (total > 0) return 'kept';
  const { settings } = await admin.call<{ settings: { idleHighSeconds: number } }>('GET', '/api/admin/settings');
  await admin.call('PUT', '/api/admin/settings', { idleWarningSeconds: DEMO_IDLE_WARNING_SECONDS, idleHighSeconds: settings.idleHighSeconds });
  // Bob's chat, made first so it is the first to pass the idle warning: he took it and has not
  // answered the customer's two messages yet.
  const bob = await signIn(origin, 'bob@switchboard.local');
  const waiting = await startChat(origin, { name: 'Ian Impatient', email: 'ian@example.test', question: 'Can I change the size of my order?', groupId: 'support' });
  await bob.call('POST', `/api/chats/${waiting.chatId}/take`);
  await say(`${ws}/api/visitor/chats/${waiting.chatId}/ws?token=${encodeURIComponent(waiting.token)}&after=0`, { origin }, [
    message('It is order 1077, a medium jacket.'),
    message('Hello? Is anyone there?'),
  ]);
  await admin.call('POST', '/api/admin/fields', DEMO_FIELD);
  await addDemoArticles(admin.call);
  // Canned replies (scripts/demo-canned.ts): one names the custom field just defined.
  await addDemoCannedReplies(origin, admin, alice, DEMO_FIELD.key);

  // Waiting in the Sales queue.
  await startChat(origin, { name: 'Quinn Queue', email: 'quinn@example.test', question: 'Do you ship to Norway?', groupId: 'sales' });

  // Alice's chat: a pre-chat field, a conversation, comments and coaching from the administrator.
  const active = await startChat(origin, {
    name: 'Rita Customer',
    email: 'rita@example.test',
    question: 'My order has not arrived yet.',
    groupId: 'support',
    fields: { [DEMO_FIELD.key]: '1042' },
  });
  await alice.call('POST', `/api/chats/${active.chatId}/take`);
  const visitorUrl = `${ws}/api/visitor/chats/${active.chatId}/ws?token=${encodeURIComponent(active.token)}&after=0`;
  const agentUrl = `${ws}/api/chats/${active.chatId}/ws?after=0`;
  await say(visitorUrl, { origin }, [message('It was due on Monday.')]);
  await say(agentUrl, { origin, cookie: alice.cookie }, [message('Sorry about that, Rita! Let me check order 1042 for you.')]);
  await say(agentUrl, { origin, cookie: admin.cookie }, [{ type: 'coach', id: crypto.randomUUID(), text: 'Offer free express shipping on the replacement.' }]);
  await alice.call('POST', `/api/chats/${active.chatId}/comments`, { kind: 'sticky', text: 'Long-standing customer: be generous.' });
  await alice.call('POST', `/api/chats/${active.chatId}/time-logs`, { minutes: 12, note: 'Tracked the parcel with the carrier.', billable: false });
  await alice.call('POST', `/api/chats/${active.chatId}/comments`, {
    kind: 'follow-up',
    text: 'Check that the replacement shipped.',
    dueAt: Date.now() + 24 * 60 * 60 * 1000,
  });
  // The help desk beside it: a ticket made from the chat (with its conversation), a task for Alice
  // due soon, a call log with the customer, and an earlier ticket of hers related to the chat.
  const { ticket } = await alice.call<{ ticket: { id: string } }>('POST', '/api/tickets', {
    subject: 'Order 1042 not delivered',
    chatId: active.chatId,
    priority: 'high',
    agentId: 'demo-alice',
  });
  await alice.call('POST', `/api/tickets/${ticket.id}/entries`, { kind: 'note', text: 'Carrier says the parcel is held at the depot.' });
  await alice.call('POST', `/api/tickets/${ticket.id}/time-logs`, { minutes: 8, note: 'Called the carrier', billable: true });
  await alice.call('POST', '/api/tasks', {
    title: 'Confirm the replacement for order 1042 shipped',
    chatId: active.chatId,
    dueAt: Date.now() + 2 * 60 * 60 * 1000,
  });
  await alice.call('POST', '/api/calls', {
    chatId: active.chatId,
    phone: '+1 555 0142',
    direction: 'outbound',
    startedAt: Date.now() - 10 * 60 * 1000,
    durationSeconds: 4 * 60 + 30,
    notes: 'Rita confirmed the delivery address.',
  });
  const earlier = await alice.call<{ ticket: { id: string } }>('POST', '/api/tickets', {
    subject: 'Change of delivery address',
    groupId: 'support',
    customerName: 'Rita Customer',
    customerEmail: 'rita@example.test',
    text: 'Rita moved last month; the new address is on file.',
  });
  // How it was solved (staff only): Assistance suggests it in Rita's chat about a late order.
  await alice.call('POST', `/api/tickets/${earlier.ticket.id}/entries`, {
    kind: 'resolution',
    text: 'The order had not arrived because it went to the old address: updated the delivery address and asked the carrier to redirect the parcel. It arrived two days later.',
  });
  await alice.call('PATCH', `/api/tickets/${earlier.ticket.id}`, { status: 'closed' });
  await alice.call('POST', `/api/related/chat/${active.chatId}`, { kind: 'ticket', id: earlier.ticket.id });
  // Rita as a customer: her organization (suggested by her email's domain, then assigned), her
  // contact details, and a sticky comment shown on every chat of hers.
  const { organization } = await admin.call<{ organization: { id: string } }>('POST', '/api/organizations', { name: 'Example Trading Co.', domain: 'example.test' });
  const { customerId: rita } = await alice.call<{ customerId: string }>('GET', '/api/customers/lookup?email=rita%40example.test');
  await alice.call('PATCH', `/api/customers/${rita}`, { organizationId: organization.id, workPhone: '+1 555 0142', website: 'https://rita.example.test' });
  await alice.call('POST', `/api/customers/${rita}/comments`, { text: 'Prefers email over phone calls.', sticky: true });

  // Ended and rated, with how it was solved.
  // Sam is the shop's signed-in customer (identity verification): the full-page widget opened with
  // his signed identity shows him this chat again (npm start prints that address).
  const done = await startChat(origin, {
    name: DEMO_SIGNED_IN.name,
    email: DEMO_SIGNED_IN.email,
    question: 'How do I reset my password?',
    groupId: 'support',
    ...(identitySecret ? { identity: await demoIdentity(identitySecret) } : {}),
  });
  await alice.call('POST', `/api/chats/${done.chatId}/take`);
  await say(`${ws}/api/chats/${done.chatId}/ws?after=0`, { origin, cookie: alice.cookie }, [message('Use “Forgot password” on the sign-in page; the link lasts an hour.')]);
  await alice.call('POST', `/api/chats/${done.chatId}/comments`, { kind: 'resolution', text: 'Sent the password reset steps; the customer signed in.' });
  await alice.call('POST', `/api/chats/${done.chatId}/end`);
  const survey = await fetch(`${origin}/api/visitor/chats/${done.chatId}/survey?token=${encodeURIComponent(done.token)}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ rating: 5, comment: 'Quick and clear, thank you!' }),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  if (survey.status !== 201) throw new Error(`rating the demo chat: ${survey.status}`);
  return 'added';
}
