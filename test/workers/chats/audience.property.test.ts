// The promise, checked over many random interleavings: a visitor, an agent and a coach write
// messages and coaching lines, add, edit and delete comments of every kind, run manual events, drop their
// connections and come back, resend what they sent, and type (typing frames, never stored), in any
// order. The visitor's stream never holds a staff-only event, nor any staff draft or a coach's
// typing; each staff member's stream holds every event, in order, exactly once.
import fc from 'fast-check';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { COMMENT_KINDS, type ChatComment, type ChatEvent, type CommentKind, type ServerFrame } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

/** How many random runs, and how many actions at most in each. */
const RUNS = 25;
const MAX_ACTIONS = 30;

type Who = 'visitor' | 'agent' | 'coach';
type Action =
  | { type: 'send'; who: Who; text: string }
  | { type: 'coach'; who: 'agent' | 'coach'; text: string }
  | { type: 'resend'; who: Who }
  | { type: 'drop'; who: Who }
  | { type: 'back'; who: Who }
  /** Staff comment over HTTP (Follow-Up ones are left out: they need a time and set a follow-up). */
  | { type: 'comment'; who: 'agent' | 'coach'; kind: CommentKind; text: string }
  | { type: 'edit-comment'; who: 'agent' | 'coach'; text: string }
  | { type: 'delete-comment'; who: 'agent' | 'coach' }
  /** Staff run a manual event (a comment, a follow-up and the run's own History line, all staff only). */
  | { type: 'manual-event'; who: 'agent' | 'coach' }
  /** A typing frame; staff drafts carry a marker that must never reach the visitor. */
  | { type: 'typing'; who: Who; text: string };

const who = fc.constantFrom<Who>('visitor', 'agent', 'coach');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('send' as const), who: fc.constantFrom<Who>('visitor', 'agent'), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ type: fc.constant('coach' as const), who: fc.constantFrom('agent' as const, 'coach' as const), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ type: fc.constant('resend' as const), who }),
  fc.record({ type: fc.constant('drop' as const), who }),
  fc.record({ type: fc.constant('back' as const), who }),
  fc.record({
    type: fc.constant('comment' as const),
    who: fc.constantFrom('agent' as const, 'coach' as const),
    kind: fc.constantFrom(...COMMENT_KINDS.filter((k) => k !== 'follow-up')),
    text: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim().length > 0),
  }),
  fc.record({
    type: fc.constant('edit-comment' as const),
    who: fc.constantFrom('agent' as const, 'coach' as const),
    text: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim().length > 0),
  }),
  fc.record({ type: fc.constant('delete-comment' as const), who: fc.constantFrom('agent' as const, 'coach' as const) }),
  fc.record({ type: fc.constant('manual-event' as const), who: fc.constantFrom('agent' as const, 'coach' as const) }),
  fc.record({ type: fc.constant('typing' as const), who, text: fc.string({ maxLength: 20 }) }),
);
/** In every staff draft: found in any visitor frame, a staff draft leaked. */
const STAFF_DRAFT = 'STAFFDRAFT';

/** One participant's client: its events across every socket it has had, and its last seq. */
class Client {
  readonly received: ChatEvent[] = [];
  /** Every frame of every socket it has had (typing and drafts included). */
  readonly allFrames: ServerFrame[] = [];
  socket: TestSocket | null = null;
  sent: string[] = [];
  #recorded = 0;
  #framesRecorded = 0;

  constructor(readonly connect: (after: number) => Promise<TestSocket>) {}

  get lastSeq(): number {
    return this.received.reduce((m, e) => Math.max(m, e.seq), 0);
  }

  /** Moves what the current socket has received so far into this client's record. */
  collect(): void {
    if (!this.socket) return;
    const events = this.socket.events();
    this.received.push(...events.slice(this.#recorded));
    this.#recorded = events.length;
    this.allFrames.push(...this.socket.frames.slice(this.#framesRecorded));
    this.#framesRecorded = this.socket.frames.length;
  }

  async open(): Promise<void> {
    if (this.socket) return;
    this.socket = await this.connect(this.lastSeq);
    this.#recorded = 0;
    this.#framesRecorded = 0;
  }

  drop(): void {
    if (!this.socket) return;
    this.collect();
    this.socket.close();
    this.socket = null;
  }
}

describe('audiences, under random interleavings', () => {
  it('never give the visitor a staff-only event, and give staff every event once, in order', async () => {
    const world = await seedWorld();
    const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
    // Every run is a new chat taken by Alice (and ended after): capacity is not under test here.
    await env.DB.prepare('UPDATE agents SET max_chats = 1000 WHERE id = ?').bind(world.alice.id).run();
    // A manual event of staff-only actions (no webhook: its later History line would race the end marker).
    const adam = await signInAs(world.adam);
    const defined = await api('/api/admin/manual-events', {
      method: 'POST',
      headers: { Cookie: adam },
      body: JSON.stringify({
        name: `Audience ${crypto.randomUUID()}`,
        groupIds: [world.groupA],
        actions: [{ type: 'add-comment', kind: 'general', text: 'Seen by {{agent.name}}' }, { type: 'follow-up', inMinutes: 60 }],
      }),
    });
    const { id: eventId } = (await defined.json()) as { id: string };
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: MAX_ACTIONS }), async (actions) => {
        const { chatId, token } = await startChat(world.groupA);
        await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
        const clients: Record<Who, Client> = {
          visitor: new Client((after) => connectVisitor(chatId, token, after)),
          agent: new Client((after) => connectAgent(chatId, alice, after)),
          coach: new Client((after) => connectAgent(chatId, mona, after)),
        };
        for (const c of Object.values(clients)) await c.open();
        const cookies = { agent: alice, coach: mona };
        const comments: string[] = [];

        for (const a of actions) {
          const c = clients[a.who];
          const path = `/api/chats/${chatId}/comments`;
          if (a.type === 'comment') {
            const res = await api(path, { method: 'POST', headers: { Cookie: cookies[a.who] }, body: JSON.stringify({ kind: a.kind, text: a.text }) });
            comments.push(((await res.json()) as { comment: ChatComment }).comment.id);
          } else if (a.type === 'edit-comment' || a.type === 'delete-comment') {
            // Mona manages: she may change Alice's comments; either may be refused (no change).
            const id = comments.at(-1);
            if (!id) continue;
            const init = a.type === 'edit-comment' ? { method: 'PATCH', body: JSON.stringify({ text: a.text }) } : { method: 'DELETE' };
            const res = await api(`${path}/${id}`, { ...init, headers: { Cookie: cookies[a.who] } });
            if (a.type === 'delete-comment' && res.status === 204) comments.pop();
          } else if (a.type === 'typing') {
            c.socket?.send({ type: 'typing', draft: a.who === 'visitor' ? a.text : `${STAFF_DRAFT} ${a.text}` });
          } else if (a.type === 'manual-event') {
            await api(`/api/chats/${chatId}/manual-events/${eventId}/run`, { method: 'POST', headers: { Cookie: cookies[a.who] } });
          } else if (a.type === 'drop') c.drop();
          else if (a.type === 'back') await c.open();
          else if (c.socket) {
            if (a.type === 'resend') {
              const id = c.sent.at(-1);
              if (id) c.socket.send({ type: 'send', id, text: 'again' });
            } else {
              const id = `m${counter++}`;
              // A coach's `send` is refused (not assigned): it must store nothing.
              c.socket.send({ type: a.type, id, text: a.text });
              c.sent.push(id);
            }
          }
        }

        // Everyone comes back; a last message from the agent marks the end of the story.
        for (const c of Object.values(clients)) await c.open();
        const marker = `end-${counter++}`;
        clients.agent.socket!.send({ type: 'send', id: marker, text: 'the end' });
        for (const c of Object.values(clients)) {
          await expect.poll(() => c.socket!.events().some((e) => 'clientId' in e && e.clientId === marker), { timeout: 5000 }).toBe(true);
          c.collect();
        }

        const visitorFrames = clients.visitor.allFrames;
        expect(visitorFrames.filter((f) => f.type === 'draft')).toEqual([]);
        expect(visitorFrames.filter((f) => f.type === 'typing' && f.from.id !== world.alice.id)).toEqual([]);
        expect(JSON.stringify(visitorFrames)).not.toContain(STAFF_DRAFT);
        for (const staff of [clients.agent, clients.coach]) {
          // Staff hear colleagues typing, never their text; drafts are the customer's alone.
          expect(staff.allFrames.filter((f) => f.type === 'draft' && f.text.includes(STAFF_DRAFT))).toEqual([]);
        }
        const visitorSeqs = clients.visitor.received.map((e) => e.seq);
        expect(clients.visitor.received.filter((e) => e.audience === 'staff')).toEqual([]);
        expect(new Set(visitorSeqs).size).toBe(visitorSeqs.length);
        expect(visitorSeqs).toEqual([...visitorSeqs].sort((x, y) => x - y));
        const last = clients.agent.lastSeq;
        for (const staff of [clients.agent, clients.coach]) {
          expect(staff.received.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
        }
        for (const c of Object.values(clients)) c.drop();
        await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
      }),
      { numRuns: RUNS },
    );
  });
});
