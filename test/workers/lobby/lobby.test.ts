// The live queue pushes list changes to the consoles of agents in the chat's group, and only to
// them.
import { describe, expect, it } from 'vitest';
import type { LobbyFrame } from '../../../objects/protocol.ts';
import { api, connectLobby, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

/** The next change of a chat's status the console hears of (idle-level updates are skipped). */
async function nextChat(lobby: TestSocket, last = new Map<string, string>()): Promise<Extract<LobbyFrame, { type: 'chat' }>['chat']> {
  for (;;) {
    const frame = (await lobby.next()) as unknown as LobbyFrame;
    if (frame.type === 'chat' && last.get(frame.chat.id) !== frame.chat.status) {
      last.set(frame.chat.id, frame.chat.status);
      return frame.chat;
    }
  }
}

describe('the live queue', () => {
  it('pushes a new chat, its take and its end to agents of the group, and nothing from other groups', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice); // group A only
    const lobby = await connectLobby(alice);
    expect(await lobby.next()).toEqual({ type: 'welcome', groupIds: [world.groupA], presence: 'online' });

    const other = await startChat(world.groupB);
    const mine = await startChat(world.groupA);
    // The first change Alice hears of is her group's chat: group B's was never sent to her.
    const seen = new Map<string, string>();
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'queued', groupId: world.groupA });

    await api(`/api/chats/${mine.chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'active', agentName: 'Alice' });
    await api(`/api/chats/${mine.chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'ended' });
    expect(lobby.frames.some((f) => JSON.stringify(f).includes(other.chatId))).toBe(false);
  });
});
