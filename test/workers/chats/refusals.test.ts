// Small faults found by trying to break in, each a clear refusal with a stable code that
// changes nothing: a taken email in another letter case, follow-ups at absurd times, staff-only
// changes leaking to the visitor, file names that lie about their direction, bytes that lie about
// their type, and text that is not text.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, connectVisitor, seedWorld, signInAs, startChat } from '../helpers.ts';

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('creating an agent with an email already taken', () => {
  it('answers 409 email_taken in any letter case, also with groups, and creates nothing', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM memberships WHERE group_id = ?').bind(world.groupB).first<{ n: number }>();
    const res = await api('/api/admin/agents', {
      method: 'POST',
      headers: { Cookie: adam },
      body: JSON.stringify({ email: world.bob.email.toUpperCase(), name: 'Bob Again', role: 'agent', password: 'long-enough-pw', groupIds: [world.groupB] }),
    });
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('email_taken');
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM memberships WHERE group_id = ?').bind(world.groupB).first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});

describe('follow-ups', () => {
  it('accept only real times in a sane range', async () => {
    const world = await seedWorld();
    const { chatId } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    const put = (at: unknown) => api(`/api/chats/${chatId}/follow-up`, { method: 'PUT', headers: { Cookie: alice }, body: JSON.stringify({ at }) });
    for (const at of [9007199254740991, Date.now() - 60_000, Date.now() + 400 * 24 * 3_600_000, 1.5, '2027-01-01']) {
      const res = await put(at);
      expect(res.status, String(at)).toBe(400);
      expect(await codeOf(res)).toBe('invalid_body');
    }
    const row = () => env.DB.prepare('SELECT follow_up_at AS at FROM chats WHERE id = ?').bind(chatId).first<{ at: number | null }>();
    expect((await row())?.at).toBeNull();
    const tomorrow = Date.now() + 24 * 3_600_000;
    expect((await put(tomorrow)).status).toBe(200);
    expect((await row())?.at).toBe(tomorrow);
  });

  it('tell the visitor nothing: no chat frame, no event', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const seen = visitor.frames.length;
    expect(
      (await api(`/api/chats/${chatId}/follow-up`, { method: 'PUT', headers: { Cookie: alice }, body: JSON.stringify({ at: Date.now() + 3_600_000 }) }))
        .status,
    ).toBe(200);
    // A message of the visitor's own marks the point where the follow-up's frames would have been.
    visitor.send({ type: 'send', id: 'marker', text: 'still there?' });
    await visitor.nextOf('event');
    // (The queue position may be told meanwhile: it is the visitor's own.)
    const after = visitor.frames.slice(seen).filter((f) => f.type !== 'queue');
    expect(after.map((f) => (f.type === 'event' ? f.event.kind : f.type))).toEqual(['message']);
  });
});

describe('files', () => {
  async function upload(chatId: string, token: string, name: string, type: string, body: BodyInit) {
    return api(`/api/visitor/chats/${chatId}/files?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-filename': encodeURIComponent(name) },
      body,
    });
  }

  it('refuse names with direction-changing characters, and bytes that are not the declared type; nothing is kept', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const bidi = await upload(chatId, token, 'invoice\u202Efdp.exe', 'application/pdf', '%PDF-1.4\n');
    expect(bidi.status).toBe(400);
    expect(await codeOf(bidi)).toBe('invalid_file');
    const html = await upload(chatId, token, 'cat.png', 'image/png', '<html><script>alert(1)</script></html>');
    expect(html.status).toBe(415);
    expect(await codeOf(html)).toBe('type_mismatch');
    expect((await env.FILES.list({ prefix: `chats/${chatId}/` })).objects).toEqual([]);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM attachments WHERE chat_id = ?').bind(chatId).first<{ n: number }>())?.n).toBe(0);
    // A real PNG passes.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(chatId, token, 'cat.png', 'image/png', png)).status).toBe(201);
  });
});

describe('text that is not text', () => {
  it('is refused with invalid_text and not stored (lone surrogates; the replacement character a bad UTF-8 byte becomes)', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    visitor.sendRaw('{"type":"send","id":"lone","text":"half a pair \\ud83d"}');
    expect(await visitor.nextOf('error')).toMatchObject({ code: 'invalid_text', id: 'lone' });
    visitor.sendRaw(JSON.stringify({ type: 'send', id: 'fffd', text: 'caf\uFFFD' }));
    expect(await visitor.nextOf('error')).toMatchObject({ code: 'invalid_text', id: 'fffd' });
    visitor.send({ type: 'send', id: 'fine', text: 'café 👍' });
    const stored = await visitor.nextOf('event');
    expect(stored.event.kind === 'message' && stored.event.text).toBe('café 👍');
  });
});
