// Queue positions, as a pure function: each group's waiting chats in the order they started.
// The Lobby keeps the waiting chats and tells each one its place whenever it changes.

export interface Waiting {
  chatId: string;
  groupId: string;
  startedAt: number;
}

/** 1 for the next chat to be taken in its group, 2 for the one after, and so on. */
export function queuePositions(waiting: readonly Waiting[]): Map<string, number> {
  const byGroup = new Map<string, Waiting[]>();
  for (const w of waiting) byGroup.set(w.groupId, [...(byGroup.get(w.groupId) ?? []), w]);
  const positions = new Map<string, number>();
  for (const chats of byGroup.values()) {
    chats.sort((a, b) => a.startedAt - b.startedAt || (a.chatId < b.chatId ? -1 : 1));
    chats.forEach((c, i) => positions.set(c.chatId, i + 1));
  }
  return positions;
}

/** The chats whose position differs from what they were last told. */
export function changedPositions(now: Map<string, number>, told: Map<string, number>): [string, number][] {
  return [...now].filter(([chatId, position]) => told.get(chatId) !== position);
}
