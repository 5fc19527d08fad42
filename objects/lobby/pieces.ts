// How the live queue is split, as pure functions. The lobby is not one object for the deployment:
// each group has its own piece, so a piece sees only its group's chats and consoles, and nothing
// grows with the deployment as a whole. A group too large for one object (thousands of agents
// online) is split further into shards by agent: each console connects to its agent's shard, and a
// chat publishes to every shard of its group. `LOBBY_SHARDS_PER_GROUP` (default 1) says how many;
// see docs/scale.md for the figures behind it.

/** Where one console socket lives: its group's piece, in its agent's shard. */
export interface PieceKey {
  groupId: string;
  shard: number;
}

export const DEFAULT_SHARDS_PER_GROUP = 1;
/** More shards than this would make each chat's publish a fan-out of its own. */
export const MAX_SHARDS_PER_GROUP = 32;

/** A count from the environment (shards, writers): anything not a whole number from 1 to `max` is `fallback`. */
export function countFrom(raw: string | undefined, max: number, fallback = 1): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** The shard count from the environment; anything that is not a whole number in range is the default. */
export function shardsPerGroup(raw: string | undefined): number {
  return countFrom(raw, MAX_SHARDS_PER_GROUP, DEFAULT_SHARDS_PER_GROUP);
}

/** The Durable Object name of a piece. */
export function pieceName(key: PieceKey): `lobby:${string}` {
  return `lobby:${key.groupId}:${key.shard}`;
}

/**
 * The shard an id falls in, always the same: an agent's consoles join theirs in every group, and a
 * chat's search batches go to its writer (worker/search/writer.ts).
 */
export function shardOf(id: string, shards: number): number {
  if (shards <= 1) return 0;
  // FNV-1a: cheap, stable across runtimes, spreads short ids evenly enough for a handful of shards.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/** Every piece of a group: what a chat publishes to. */
export function piecesOf(groupId: string, shards: number): PieceKey[] {
  return Array.from({ length: shards }, (_, shard) => ({ groupId, shard }));
}

/** The shard that keeps the group's waiting queue and tells each chat its place (one per group). */
export const QUEUE_SHARD = 0;
