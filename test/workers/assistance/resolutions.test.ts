// The staff-only index of resolutions stays true to its sources: a chat's Resolution comments as
// they stand (added, edited, removed), in the chat's group (a transfer moves them), gone with the
// chat (deleted, or erased with its customer); a ticket's resolution entries (kept with staff,
// never emailed), which follow the ticket's thread when it is merged into another. After every
// story FTS5's own integrity check compares the index with the table it indexes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CommentResponse } from '../../../worker/chats/wire.ts';
import type { TicketEntryResponse, TicketResponse } from '../../../worker/items/wire.ts';
import { api, seedWorld, signInAs, startChat, type World } from '../helpers.ts';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function ok<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** What the full-text index finds for a word: where each resolution came from, and its group. */
async function indexed(word: string): Promise<{ source: string; sourceId: string; groupId: string; text: string }[]> {
  const { results } = await env.DB.prepare(
    `SELECT r.source, r.source_id AS sourceId, r.group_id AS groupId, r.text
       FROM resolution_search s JOIN resolutions r ON r.id = s.rowid WHERE resolution_search MATCH ?1 ORDER BY r.created_at`,
  )
    .bind(`"${word}"`)
    .all<{ source: string; sourceId: string; groupId: string; text: string }>();
  return results;
}

/** FTS5 checks its index against the content table; a mismatch throws. */
async function indexIsWhole(): Promise<void> {
  await env.DB.prepare(`INSERT INTO resolution_search (resolution_search, rank) VALUES ('integrity-check', 1)`).run();
}

async function takenChat(world: World, cookie: string, question: string) {
  const { chatId, token } = await startChat(world.groupA, question);
  await ok(await send('POST', `/api/chats/${chatId}/take`, cookie));
  return { chatId, token };
}

describe('a chat’s resolutions', () => {
  it('are its Resolution comments as they stand, and nothing else it holds', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await takenChat(world, alice, 'The kettle will not switch on');
    const { comment } = await ok<CommentResponse>(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'resolution', text: 'Reset the thermoswitch under the base' }), 201);
    await ok(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'general', text: 'Customer sounded like a thermoswitch expert' }), 201);
    expect(await indexed('thermoswitch')).toEqual([{ source: 'chat', sourceId: chatId, groupId: world.groupA, text: 'Reset the thermoswitch under the base' }]);

    await ok(await send('PATCH', `/api/chats/${chatId}/comments/${comment.id}`, alice, { text: 'Replaced the limescaled element' }));
    expect(await indexed('thermoswitch')).toEqual([]);
    expect((await indexed('limescaled')).map((r) => r.text)).toEqual(['Replaced the limescaled element']);

    await ok(await send('DELETE', `/api/chats/${chatId}/comments/${comment.id}`, alice), 204);
    expect(await indexed('limescaled')).toEqual([]);
    await indexIsWhole();
  });

  it('move with the chat to another group, and go when it is deleted', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await takenChat(world, alice, 'The toaster smells of smoke');
    await ok(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'resolution', text: 'Crumb tray was full: emptied it, smell gone (crumbtray)' }), 201);
    await ok(await send('POST', `/api/chats/${chatId}/transfer`, alice, { to: { kind: 'group', groupId: world.groupB } }));
    expect((await indexed('crumbtray')).map((r) => r.groupId)).toEqual([world.groupB]);

    const bob = await signInAs(world.bob);
    await ok(await send('POST', `/api/chats/${chatId}/take`, bob));
    await ok(await send('POST', `/api/chats/${chatId}/end`, bob));
    await ok(await send('DELETE', `/api/chats/${chatId}`, bob), 204);
    expect(await indexed('crumbtray')).toEqual([]);
    await indexIsWhole();
  });

  it('go with the customer when they are erased; resolutions written on their tickets stay with staff', async () => {
    const world = await seedWorld();
    const [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
    const email = `erase.${world.groupA}@example.test`.toLowerCase();
    const created = await ok<{ chatId: string }>(
      await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name: 'Ernie', email, question: 'Blender leaks', groupId: world.groupA }) }),
      201,
    );
    await ok(await send('POST', `/api/chats/${created.chatId}/take`, alice));
    await ok(await send('POST', `/api/chats/${created.chatId}/comments`, alice, { kind: 'resolution', text: 'New gasketring sent' }), 201);
    const { ticket } = await ok<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Leaking blender', chatId: created.chatId }), 201);
    await ok(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'resolution', text: 'Gasketring replaced under warranty' }), 201);
    await ok(await send('POST', `/api/chats/${created.chatId}/end`, alice));
    expect((await indexed('gasketring')).map((r) => r.source)).toEqual(['chat', 'ticket']);

    const { customerId } = await ok<{ customerId: string }>(await send('GET', `/api/customers/lookup?email=${encodeURIComponent(email)}`, adam));
    await ok(await send('DELETE', `/api/customers/${customerId}`, adam));
    expect(await indexed('gasketring')).toEqual([{ source: 'ticket', sourceId: ticket.id, groupId: world.groupA, text: 'Gasketring replaced under warranty' }]);
    await indexIsWhole();
  });
});

describe('a ticket’s resolutions', () => {
  it('are entries of their own kind, shown in the thread, kept with staff, never emailed', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { ticket } = await ok<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Fridge hums', groupId: world.groupA, customerName: 'Fay', customerEmail: 'fay@example.test' }), 201);
    const { entry } = await ok<TicketEntryResponse>(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'resolution', text: 'Levelled the feet; the compressorhum stopped' }), 201);
    expect(entry).toMatchObject({ kind: 'resolution', emailedTo: null, authorName: 'Alice' });
    await ok(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'note', text: 'Noted: compressorhum may return in summer' }), 201);
    const { entries } = await ok<TicketResponse>(await send('GET', `/api/tickets/${ticket.id}`, alice));
    expect(entries.map((e) => [e.kind, e.emailedTo])).toEqual([['resolution', null], ['note', null]]);
    // Only the resolution is indexed (a note is not how the problem was solved).
    expect(await indexed('compressorhum')).toEqual([{ source: 'ticket', sourceId: ticket.id, groupId: world.groupA, text: 'Levelled the feet; the compressorhum stopped' }]);

    // The thread's first entry comes only from a chat: nobody adds a "conversation".
    const refused = await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'conversation', text: 'compressorhum' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_body');
    expect((await ok<TicketResponse>(await send('GET', `/api/tickets/${ticket.id}`, alice))).entries).toHaveLength(2);
    await indexIsWhole();
  });

  it('follow the thread into the ticket it is merged into, and into that ticket’s group', async () => {
    const world = await seedWorld();
    const bob = await signInAs(world.bob);
    const mk = async (subject: string, groupId: string) =>
      (await ok<TicketResponse>(await send('POST', '/api/tickets', bob, { subject, groupId, customerName: 'Gil', customerEmail: 'gil@example.test' }), 201)).ticket;
    const [into, from] = [await mk('Washer noisy', world.groupB), await mk('Washer noisy again', world.groupA)];
    await ok(await send('POST', `/api/tickets/${from.id}/entries`, bob, { kind: 'resolution', text: 'Removed a coin from the drumpaddle' }), 201);
    await ok(await send('POST', `/api/tickets/${into.id}/merge`, bob, { ticketId: from.id }));
    expect(await indexed('drumpaddle')).toEqual([{ source: 'ticket', sourceId: into.id, groupId: world.groupB, text: 'Removed a coin from the drumpaddle' }]);
    await indexIsWhole();
  });
});
