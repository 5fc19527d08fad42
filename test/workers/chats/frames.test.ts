// Every kind of bad frame gets an error frame with a stable code; the socket stays open and
// nothing is stored.
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../objects/protocol.ts';
import { connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

async function expectError(socket: TestSocket, raw: string, code: string): Promise<void> {
  socket.sendRaw(raw);
  const frame = await socket.nextOf('error');
  expect(frame.code, `frame ${raw.slice(0, 50)}`).toBe(code);
  // Still open: a ping is answered.
  socket.send({ type: 'ping' });
  expect((await socket.next()).type).toBe('pong');
}

describe('bad frames', () => {
  it('are refused with a stable code, keep the socket open and store nothing', async () => {
    const world = await seedWorld();
    const cookie = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const visitor = await connectVisitor(chatId, token);
    const before = (await visitor.nextOf('welcome')).lastSeq;
    await visitor.replay();
    const agent = await connectAgent(chatId, cookie);
    await agent.replay();

    await expectError(visitor, 'not json', 'bad_json');
    await expectError(visitor, '{"type":"shout","text":"hi"}', 'unknown_type');
    await expectError(visitor, '{"type":"send","id":42,"text":"hi"}', 'invalid_frame');
    await expectError(visitor, '{"type":"send","id":"x","text":""}', 'invalid_frame');
    await expectError(visitor, JSON.stringify({ type: 'send', id: 'long', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }), 'text_too_long');
    // Staff-only actions from the visitor's socket.
    await expectError(visitor, '{"type":"take"}', 'not_allowed');
    await expectError(visitor, '{"type":"coach","id":"c","text":"hi"}', 'not_allowed');
    // An agent may not write to the customer before the chat is taken.
    await expectError(agent, '{"type":"send","id":"early","text":"hello?"}', 'not_active');
    await expectError(agent, '{"type":"coach","id":"early-c","text":"psst"}', 'not_active');

    const after = await connectVisitor(chatId, token);
    expect((await after.nextOf('welcome')).lastSeq).toBe(before);
    // The agent's socket heard of no new event either.
    expect(Math.max(...agent.events().map((e) => e.seq))).toBe(before);
    // The refused ids were not used up: they can still be sent for real.
    visitor.send({ type: 'send', id: 'long', text: 'short now' });
    const stored = await visitor.nextOf('event');
    expect(stored.event).toMatchObject({ clientId: 'long', seq: before + 1 });
  });

  it('refuses an upgrade with a malformed resume point', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    await expect(connectVisitor(chatId, token, -1)).rejects.toThrow(/400/);
  });
});

describe('frames sent together', () => {
  it('reach a client that reads several per message all in order, and a page from before that one per message', async () => {
    const world = await seedWorld();
    const cookie = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const batching = await connectAgent(chatId, cookie, 0, 'many');
    const older = await connectAgent(chatId, cookie, 0, 'one');
    await Promise.all([batching.replay(), older.replay()]);

    // A burst: the messages arrive together, so the object sends what follows each socket's first
    // frame of the burst together (a JSON array) to a socket that asked for that.
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    for (const id of ids) visitor.send({ type: 'send', id, text: `message ${id}` });
    const delivered = (socket: TestSocket) => socket.events().flatMap((e) => (e.kind === 'message' && e.clientId.startsWith('burst-') ? [e.clientId] : []));
    await expect.poll(() => delivered(batching).length).toBe(ids.length);
    await expect.poll(() => delivered(older).length).toBe(ids.length);
    expect(delivered(batching)).toEqual(ids);
    expect(delivered(older)).toEqual(ids);
    // The page from before never receives an array, whatever the burst.
    expect(older.messages.filter((m) => m.startsWith('['))).toEqual([]);
    expect(older.messages.length).toBe(older.frames.length);
  });
});
