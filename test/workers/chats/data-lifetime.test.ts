// What must go when a chat goes: its files in R2, every D1 row about it, and its visitor token;
// and how long a token opens its chat after the chat has ended.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TOKEN_AFTER_END_MS } from '../../../worker/visitor/routes.ts';
import { api, connectVisitor, seedWorld, signInAs, startChat } from '../helpers.ts';

const tokenQuery = (token: string) => `token=${encodeURIComponent(token)}`;

async function uploadAsVisitor(chatId: string, token: string): Promise<string> {
  const res = await api(`/api/visitor/chats/${chatId}/files?${tokenQuery(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-filename': 'receipt.txt' },
    body: 'paid in full\n',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { file: { id: string } }).file.id;
}

/** Rows in every D1 table that holds a chat id, for this chat. */
async function rowsAbout(chatId: string): Promise<Record<string, number>> {
  const count = async (sql: string) => (await env.DB.prepare(sql).bind(chatId).first<{ n: number }>())?.n ?? 0;
  return {
    chats: await count('SELECT COUNT(*) AS n FROM chats WHERE id = ?'),
    chat_agents: await count('SELECT COUNT(*) AS n FROM chat_agents WHERE chat_id = ?'),
    attachments: await count('SELECT COUNT(*) AS n FROM attachments WHERE chat_id = ?'),
    surveys: await count('SELECT COUNT(*) AS n FROM surveys WHERE chat_id = ?'),
  };
}

describe('deleting a chat', () => {
  it('deletes its files in R2, every D1 row about it, and ends its visitor token', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
    const fileId = await uploadAsVisitor(chatId, token);
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    const survey = await api(`/api/visitor/chats/${chatId}/survey?${tokenQuery(token)}`, { method: 'POST', body: JSON.stringify({ rating: 5 }) });
    expect(survey.status).toBe(201);
    expect(await rowsAbout(chatId)).toEqual({ chats: 1, chat_agents: 1, attachments: 1, surveys: 1 });
    const fileUrl = `/api/visitor/chats/${chatId}/files/${fileId}?${tokenQuery(token)}`;
    expect((await api(fileUrl)).status).toBe(200);

    expect((await api(`/api/chats/${chatId}`, { method: 'DELETE', headers: { Cookie: alice } })).status).toBe(204);

    expect(await rowsAbout(chatId)).toEqual({ chats: 0, chat_agents: 0, attachments: 0, surveys: 0 });
    expect((await env.FILES.list({ prefix: `chats/${chatId}/` })).objects).toEqual([]);
    const download = await api(fileUrl);
    expect(download.status).toBe(401);
    for (const path of [`/api/visitor/chats/${chatId}/transcript?${tokenQuery(token)}`]) expect((await api(path)).status).toBe(401);
    expect((await api(`/api/visitor/chats/${chatId}/ws?${tokenQuery(token)}`, { headers: { Upgrade: 'websocket' } })).status).toBe(401);
  });
});

describe("a visitor's token once the chat has ended", () => {
  it(`still opens the chat for a while (${TOKEN_AFTER_END_MS / 60_000} minutes), then stops`, async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    const transcript = `/api/visitor/chats/${chatId}/transcript?${tokenQuery(token)}`;
    expect((await api(transcript)).status).toBe(200);
    // The end moved back past the grace period.
    await env.DB.prepare('UPDATE chats SET ended_at = ? WHERE id = ?').bind(Date.now() - TOKEN_AFTER_END_MS - 1, chatId).run();
    const late = await api(transcript);
    expect(late.status).toBe(401);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('token_expired');
  });

  it('is compared whole: text added before, after or inside it is refused', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const at = (t: string) => api(`/api/visitor/chats/${chatId}/transcript?${tokenQuery(t)}`);
    expect((await at(token)).status).toBe(200);
    const [payload, sig] = token.split('.') as [string, string];
    for (const forged of [`${token}x`, `${token}.extra`, `x${token}`, `${payload}.${sig}=`, `${payload}..${sig}`, `${token} `]) {
      expect((await at(forged)).status, forged).toBe(401);
    }
    const socket = await connectVisitor(chatId, token);
    await socket.replay();
    socket.close();
  });
});
