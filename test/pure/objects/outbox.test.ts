// What a chat object sends its sockets: the first frame of a burst at once, the rest of the burst together (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BATCH_BYTES, Outbox } from '../../../objects/outbox.ts';
import { decodeFrames, encodeFrames } from '../../../objects/protocol.ts';

/** A socket that records the messages it was given. */
function socket(): WebSocket & { messages: string[] } {
  const messages: string[] = [];
  return { messages, send: (data: string) => void messages.push(data) } as unknown as WebSocket & { messages: string[] };
}

const frame = (n: number, pad = 0) => JSON.stringify({ type: 'event', n, pad: 'x'.repeat(pad) });
/** After the outbox's zero-delay timer has run. */
const burstEnds = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the outbox', () => {
  it("sends a socket's first frame of a burst at once, and what follows it in the burst as one message, in order", async () => {
    const outbox = new Outbox();
    const [a, b] = [socket(), socket()];
    outbox.post(a, frame(1));
    outbox.postAll([a, b], frame(2));
    outbox.post(a, frame(3));
    assert.deepEqual([a.messages, b.messages], [[frame(1)], [frame(2)]], "each socket's first frame left at once");
    await burstEnds();
    assert.deepEqual(a.messages, [frame(1), `[${frame(2)},${frame(3)}]`]);
    assert.deepEqual(b.messages, [frame(2)]);
    assert.deepEqual(decodeFrames(a.messages[1]!), [2, 3].map((n) => JSON.parse(frame(n))));
    // The burst is over: the next frame leaves at once again.
    outbox.post(b, frame(4));
    assert.deepEqual(b.messages, [frame(2), frame(4)]);
  });

  it("holds a sender's own copy for the burst's end, after what the others get at once, and in order with the rest of its frames", async () => {
    const outbox = new Outbox();
    const [sender, agent] = [socket(), socket()];
    outbox.hold(sender, frame(1));
    outbox.post(agent, frame(1));
    assert.deepEqual([sender.messages, agent.messages], [[], [frame(1)]], 'only the agent had it at once');
    outbox.post(sender, frame(2));
    await burstEnds();
    assert.deepEqual(sender.messages, [`[${frame(1)},${frame(2)}]`], 'held, then sent with what followed it, in order');
    // A held frame begins a burst of its own too: a later post to that socket waits behind it.
    outbox.hold(sender, frame(3));
    outbox.post(sender, frame(4));
    assert.equal(sender.messages.length, 1);
    await burstEnds();
    assert.deepEqual(sender.messages.slice(1).flatMap((m) => decodeFrames(m)), [3, 4].map((n) => JSON.parse(frame(n))));
  });

  it("sends the author's own copies, on every socket of theirs, after everyone else's; alone, the author gets theirs at once", async () => {
    const outbox = new Outbox();
    const [visitorTab, otherTab, agent, monitor] = [socket(), socket(), socket(), socket()];
    // A visitor's event for everyone: the visitor's sockets (group 0, as rolesFor lists them) are all theirs.
    outbox.postAuthorLast([[visitorTab, otherTab], [agent, monitor]], frame(1), 0);
    assert.deepEqual(
      [visitorTab, otherTab, agent, monitor].map((ws) => ws.messages),
      [[], [], [frame(1)], [frame(1)]],
      "staff had it at once; both of the visitor's sockets wait",
    );
    await burstEnds();
    assert.deepEqual([visitorTab.messages, otherTab.messages], [[frame(1)], [frame(1)]]);
    // Nobody else in the chat: nothing to wait for.
    outbox.postAuthorLast([[visitorTab, otherTab], []], frame(2), 0);
    assert.deepEqual([visitorTab.messages, otherTab.messages], [[frame(1), frame(2)], [frame(1), frame(2)]]);
    await burstEnds();
    // An agent's act: only the sockets of their group that are theirs wait; a monitor's leaves at once.
    outbox.postAuthorLast([[visitorTab], [agent, monitor]], frame(3), 1, (ws) => ws === agent);
    assert.deepEqual([visitorTab, agent, monitor].map((ws) => ws.messages.at(-1)), [frame(3), frame(1), frame(3)]);
    await burstEnds();
    assert.equal(agent.messages.at(-1), frame(3));
    // No author (the chat's own events): everyone at once.
    outbox.postAuthorLast([[visitorTab], [agent]], frame(4), -1);
    assert.deepEqual([visitorTab.messages.at(-1), agent.messages.at(-1)], [frame(4), frame(4)]);
  });

  it('sends nothing more to a socket it was told to drop (one being closed)', async () => {
    const outbox = new Outbox();
    const [a, b] = [socket(), socket()];
    outbox.postAll([a, b], frame(1));
    outbox.postAll([a, b], frame(2));
    outbox.drop(a);
    await burstEnds();
    assert.deepEqual([a.messages, b.messages], [[frame(1)], [frame(1), frame(2)]]);
  });

  it('never lets one message grow past its byte limit: the earlier frames go first', async () => {
    const outbox = new Outbox();
    const a = socket();
    const big = Math.floor(MAX_BATCH_BYTES / 3);
    for (let n = 1; n <= 5; n++) outbox.post(a, frame(n, big));
    assert.equal(a.messages.length, 2, 'the first at once; the next two as soon as a third would not fit');
    await burstEnds();
    assert.equal(a.messages.length, 3);
    assert.ok(a.messages.every((m) => m.length <= MAX_BATCH_BYTES + 2));
    assert.deepEqual(
      a.messages.flatMap((m) => decodeFrames(m)).map((f) => (f as { n: number }).n),
      [1, 2, 3, 4, 5],
    );
  });

  it('sends a client that reads one frame per message each frame on its own, in order', async () => {
    const [a, old] = [socket(), socket()];
    const outbox = new Outbox((ws) => ws !== old);
    for (const n of [1, 2, 3]) outbox.postAll([a, old], frame(n));
    await burstEnds();
    assert.deepEqual(a.messages, [frame(1), `[${frame(2)},${frame(3)}]`]);
    assert.deepEqual(old.messages, [frame(1), frame(2), frame(3)]);
  });

  it('skips a socket that throws on send (closing) and still sends to the others', async () => {
    const outbox = new Outbox();
    const closing = { send: () => { throw new Error('closed'); } } as unknown as WebSocket;
    const a = socket();
    outbox.postAll([closing, a], frame(1));
    outbox.postAll([closing, a], frame(2));
    await burstEnds();
    assert.deepEqual(a.messages, [frame(1), frame(2)]);
  });
});

describe('frames on the wire', () => {
  it('decodes one frame, an array of frames, and nothing from what is not JSON', () => {
    assert.deepEqual(decodeFrames(encodeFrames([frame(1)])), [JSON.parse(frame(1))]);
    assert.deepEqual(decodeFrames(encodeFrames([frame(1), frame(2)])), [JSON.parse(frame(1)), JSON.parse(frame(2))]);
    assert.deepEqual(decodeFrames('{"type":'), []);
  });
});
