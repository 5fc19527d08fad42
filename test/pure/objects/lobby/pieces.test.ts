// How the live queue is split: a piece per group, shards by agent, names stable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SHARDS_PER_GROUP, pieceName, piecesOf, shardOf, shardsPerGroup } from '../../../../objects/lobby/pieces.ts';

describe('lobby pieces', () => {
  it('name one object per group and shard', () => {
    assert.equal(pieceName({ groupId: 'sales', shard: 0 }), 'lobby:sales:0');
    assert.deepEqual(piecesOf('sales', 3), [
      { groupId: 'sales', shard: 0 },
      { groupId: 'sales', shard: 1 },
      { groupId: 'sales', shard: 2 },
    ]);
  });

  it('put all of one agent’s consoles in one shard, and spread agents over the shards', () => {
    assert.equal(shardOf('agent-1', 1), 0);
    const agents = Array.from({ length: 4000 }, (_, i) => `agent-${i}`);
    for (const id of agents.slice(0, 20)) assert.equal(shardOf(id, 8), shardOf(id, 8));
    const perShard = new Array<number>(8).fill(0);
    for (const id of agents) perShard[shardOf(id, 8)]! += 1;
    // Even enough: no shard holds more than 1.25× its share.
    assert.ok(Math.max(...perShard) <= (agents.length / 8) * 1.25, `shards hold ${perShard.join(', ')}`);
  });

  it('read the shard count from the environment, falling back to one for anything out of range', () => {
    assert.equal(shardsPerGroup(undefined), 1);
    assert.equal(shardsPerGroup('4'), 4);
    for (const bad of ['0', '-2', '1.5', 'many', String(MAX_SHARDS_PER_GROUP + 1)]) assert.equal(shardsPerGroup(bad), 1, bad);
  });
});
