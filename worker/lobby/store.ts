// The lobby pieces' D1 access (objects/lobby/store.ts), on drizzle, and the widget's one read of
// every group's availability.
import { and, eq, gt, inArray, ne, sql, sum } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { PRESENCE_STALE_MS } from '../../objects/lobby/lobby.ts';
import type { LobbyStore } from '../../objects/lobby/store.ts';
import { idSlices } from '../db/limits.ts';
import { chats, groupPresence } from '../db/schema.ts';

export function lobbyStore(db: D1Database): LobbyStore {
  const orm = drizzle(db);
  return {
    async recordOnline(piece, online, at) {
      await orm
        .insert(groupPresence)
        .values({ groupId: piece.groupId, shard: piece.shard, online, updatedAt: at })
        .onConflictDoUpdate({ target: [groupPresence.groupId, groupPresence.shard], set: { online, updatedAt: at } });
    },
    async openChatsOf(groupId, chatIds) {
      const found = await Promise.all(
        idSlices(chatIds).map((ids) =>
          orm
            .select({ id: chats.id })
            .from(chats)
            .where(and(eq(chats.groupId, groupId), inArray(chats.id, ids), ne(chats.status, 'ended'))),
        ),
      );
      return found.flat().map((r) => r.id);
    },
  };
}

/**
 * Agents online per group, summed over its shards; a piece not heard from for PRESENCE_STALE_MS
 * (its object was reset without closing its sockets cleanly) counts as nobody.
 */
export async function onlineByGroup(db: D1Database, now: number): Promise<Map<string, number>> {
  const rows = await drizzle(db)
    .select({ groupId: groupPresence.groupId, online: sql<number>`${sum(groupPresence.online)}` })
    .from(groupPresence)
    .where(gt(groupPresence.updatedAt, now - PRESENCE_STALE_MS))
    .groupBy(groupPresence.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.online)]));
}
