// What the single-chat and bulk routes share: finding a chat among the caller's groups, naming
// the caller to the chat's object, and turning a transfer request into a checked target.
import type { TransferTo as TransferToWire } from './wire.ts';
import * as z from 'zod/mini';
import type { Caller } from '../../objects/identity.ts';
import { MAX_COMMENT_LENGTH, type TransferTarget } from '../../objects/protocol.ts';
import type { SessionAgent } from '../http/app-env.ts';
import { findEnabledMember, findGroup } from '../people/queries.ts';
import { findChatForAgent } from './queries.ts';
import { ApiError } from '../http/errors.ts';

export function chatStub(env: Env, chatId: string) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
}

export function callerOf(agent: SessionAgent): Caller {
  return { person: { role: 'agent', id: agent.id, name: agent.name }, rank: agent.role };
}

export async function requireChat(env: Env, agent: SessionAgent, chatId: string) {
  const chat = await findChatForAgent(env.DB, agent.id, chatId);
  if (!chat) throw new ApiError(404, 'not_found', 'No such chat in your groups.');
  return chat;
}

const id = z.string().check(z.minLength(1), z.maxLength(64));
export const TransferTo = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupId: id }),
  z.object({ kind: z.literal('agent'), agentId: id }),
]);
/** A Transfer comment for whoever receives the chat (empty: none). */
export const TransferComment = z.optional(z.string().check(z.maxLength(MAX_COMMENT_LENGTH)));
export const TransferBody = z.object({ to: TransferTo, comment: TransferComment });

/**
 * A group must exist; an agent must be enabled and a member of the chat's group (otherwise they
 * could not even see the chat they were given).
 */
export async function resolveTarget(env: Env, to: TransferToWire, chatGroupId: string): Promise<TransferTarget> {
  if (to.kind === 'group') {
    const group = await findGroup(env.DB, to.groupId);
    if (!group) throw new ApiError(404, 'unknown_group', 'No such group.');
    return { kind: 'group', groupId: group.id, groupName: group.name };
  }
  const agent = await findEnabledMember(env.DB, chatGroupId, to.agentId);
  if (!agent) throw new ApiError(404, 'unknown_agent', "No such agent in the chat's group.");
  return { kind: 'agent', agent: { role: 'agent', id: agent.id, name: agent.name } };
}
