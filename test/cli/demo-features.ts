// What `npm start`'s demo data must show a newcomer in the first minute (issue 17): chats in each
// state (waiting, under way, idle past its warning, ended with a survey and comments), published
// knowledge-base articles, a custom field, canned replies, a manual event, a ticket, a task and a
// call log. Asked of the running server through its own API, as the console asks.
import { expect } from 'vitest';
import type { ChatListResponse, CommentsResponse, TranscriptResponse } from '../../worker/chats/wire.ts';
import type { CallLogListResponse, TaskListResponse, TicketListResponse } from '../../worker/items/wire.ts';
import type { CannedListResponse } from '../../worker/canned/wire.ts';
import type { CustomFieldsResponse } from '../../worker/content/wire.ts';
import type { RunnableEventsResponse } from '../../worker/manual-events/wire.ts';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { DEMO_IDLE_WARNING_SECONDS } from '../../scripts/demo-chats.ts';

/** How long the idle chat may take to turn yellow: its warning, plus the object's alarm and a slow host. */
const IDLE_WAIT_MS = (DEMO_IDLE_WARNING_SECONDS + 60) * 1000;

async function signIn(origin: string, email: string): Promise<<T>(path: string) => Promise<T>> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status, `signing in as ${email}`).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T,>(path: string): Promise<T> => {
    const answer = await fetch(`${origin}${path}`, { headers: { origin, cookie } });
    expect(answer.status, `GET ${path}`).toBe(200);
    return (await answer.json()) as T;
  };
}

export async function expectEveryDemoFeature(origin: string): Promise<void> {
  const admin = await signIn(origin, 'admin@switchboard.local');
  const alice = await signIn(origin, 'alice@switchboard.local');

  // A chat in each state. The idle one turns yellow on its own within the demo's warning.
  const deadline = Date.now() + IDLE_WAIT_MS;
  let chats = (await admin<ChatListResponse>('/api/chats?view=global&limit=50')).chats;
  while (!chats.some((c) => c.status === 'active' && c.idleLevel !== 'normal') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    chats = (await admin<ChatListResponse>('/api/chats?view=global&limit=50')).chats;
  }
  const byName = (name: string) => chats.find((c) => c.visitorName === name);
  expect(byName('Quinn Queue')?.status).toBe('queued');
  expect(byName('Rita Customer')?.status).toBe('active');
  expect(byName('Ian Impatient')).toMatchObject({ status: 'active', agentName: 'Bob Agent' });
  expect(['warning', 'high']).toContain(byName('Ian Impatient')?.idleLevel);
  const ended = byName('Sam Solved');
  expect(ended?.status).toBe('ended');
  const transcript = await admin<TranscriptResponse>(`/api/chats/${ended!.id}/transcript`);
  expect(transcript.events.some((e) => e.kind === 'survey' && e.rating === 5)).toBe(true);
  const { comments } = await admin<CommentsResponse>(`/api/chats/${ended!.id}/comments`);
  expect(comments.map((c) => c.kind)).toContain('resolution');
  // Rita's chat: comments, coaching and a custom field.
  const rita = await admin<TranscriptResponse>(`/api/chats/${byName('Rita Customer')!.id}/transcript`);
  expect(rita.events.some((e) => e.kind === 'coaching')).toBe(true);

  // Published articles (a customer finds one), a custom field, canned replies and a manual event.
  const found = await fetch(`${origin}/api/public/kb/search?q=${encodeURIComponent('track order')}`);
  expect(((await found.json()) as { articles: unknown[] }).articles.length).toBeGreaterThan(0);
  expect((await admin<CustomFieldsResponse>('/api/admin/fields')).fields.map((f) => f.label)).toContain('Order number');
  expect((await alice<CannedListResponse>('/api/canned?view=use')).replies.length).toBeGreaterThan(1);
  expect((await alice<RunnableEventsResponse>('/api/manual-events')).events.length).toBeGreaterThan(0);

  // The help desk: a ticket, a task and a call log.
  expect((await admin<TicketListResponse>('/api/tickets?view=all')).total).toBeGreaterThanOrEqual(2);
  expect((await alice<TaskListResponse>('/api/tasks?view=mine')).total).toBeGreaterThan(0);
  expect((await alice<CallLogListResponse>('/api/calls?view=agent')).total).toBeGreaterThan(0);
}
