// The console's notifications without a browser: which channels each kind uses (the person's
// choice, else the defaults), what a notice says, what counts as a new chat, and that a notice
// heard twice (alarms are at least once; a console has a socket per group) is told once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelsFor, createNotifications, newChatNotice, noticeText } from '../../../../../client/console/shell/notifications.ts';
import type { ChatNotice } from '../../../../../objects/protocol.ts';
import { chatRow } from '../../../fixtures/chat-row.ts';

const bob = { role: 'agent' as const, id: 'bob', name: 'Bob' };
const notice = (kind: ChatNotice['kind'], id = `n-${kind}`): ChatNotice => ({ id, kind, chatId: 'c1', visitorName: 'Vera', by: kind === 'follow-up-due' ? null : bob, at: 1 });

describe('notifications', () => {
  it('use the person’s channels for each kind, or the defaults', () => {
    assert.deepEqual(channelsFor({}, 'transferred-to-you'), { sound: true, desktop: false, inPage: true });
    const off = { sound: false, desktop: false, inPage: false };
    const prefs = { notifications: { newChat: off, transferredToMe: { ...off, desktop: true }, takenFromMe: off, followUpDue: off, taskDue: off } };
    assert.deepEqual(channelsFor(prefs, 'transferred-to-you'), { ...off, desktop: true });
  });

  it('say what happened', () => {
    assert.equal(noticeText(notice('transferred-to-you')), 'Bob transferred the chat with Vera to you');
    assert.equal(noticeText(notice('taken-from-you')), 'Bob took the chat with Vera from you');
    assert.equal(noticeText(notice('follow-up-due')), 'Follow-up due: the chat with Vera');
  });

  it('count a queued chat as new only once, and only if it started after the console opened', () => {
    const row = chatRow({ id: 'c9', status: 'queued', startedAt: 2000 });
    assert.equal(newChatNotice(row, 1000, new Set())?.kind, 'new-chat');
    assert.equal(newChatNotice(row, 3000, new Set()), null);
    assert.equal(newChatNotice(row, 1000, new Set(['c9'])), null);
    assert.equal(newChatNotice({ ...row, status: 'active' }, 1000, new Set()), null);
  });

  it('tell a notice heard twice once, by the channels chosen, and open new chats in a pop-out when asked', () => {
    const told: string[] = [];
    const n = createNotifications(
      { sound: () => told.push('sound'), desktop: (_t, body) => told.push(`desktop: ${body}`), askDesktopPermission: () => undefined, popout: (id) => told.push(`popout ${id}`) },
      0,
    );
    n.receive(notice('transferred-to-you'));
    n.receive(notice('transferred-to-you'));
    assert.deepEqual(told, ['sound']);
    assert.equal(n.notices.value.length, 1);
    n.preferences.value = { popoutNewChats: true };
    n.sawChat(chatRow({ id: 'c7', status: 'queued', startedAt: 5 }));
    n.sawChat(chatRow({ id: 'c7', status: 'queued', startedAt: 5 }));
    // New chats are not an in-page notice by default (the queue shows them), but the pop-out opens.
    assert.deepEqual(told, ['sound', 'popout c7']);
    assert.deepEqual(n.notices.value.map((x) => x.kind), ['transferred-to-you']);
    n.dismiss(n.notices.value[0]!.id);
    assert.deepEqual(n.notices.value, []);
  });
});
