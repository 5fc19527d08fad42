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
