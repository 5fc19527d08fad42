// What every help-desk item route checks before it changes anything: that the group named is one
// of the caller's, that an assignee is an enabled member of it, the chat an item is made from is
// among the caller's chats, and what a chat's History says when an item is related to it.
import type { ItemRef } from '../../objects/rules/items.ts';
import type { SessionAgent } from '../http/app-env.ts';
import { ApiError } from '../http/errors.ts';
import { orRefuse } from '../http/refusals.ts';
import { findEnabledMember, groupsOf } from '../people/queries.ts';
import * as z from 'zod/mini';
import { callerOf, chatStub, requireChat } from '../chats/actions.ts';
import type { ChatListRow } from '../../objects/protocol.ts';
import { BIDI_CONTROLS, isValidText } from '../../objects/rules/text.ts';
import { isEmail, normalEmail } from '../../objects/rules/email.ts';

/** A one-line field (a subject, a title, a name, a phone number): trimmed, not empty, readable as it is. */
export function oneLine(max: number) {
  return z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((t) => isValidText(t) && !BIDI_CONTROLS.test(t) && !/[\r\n]/.test(t)),
  );
}

/** A text of several lines (an entry, details, notes): trimmed, valid Unicode. */
export function manyLines(max: number, min = 0) {
  return z.string().check(z.trim(), z.minLength(min), z.maxLength(max), z.refine(isValidText));
}

/** A group of the caller's (an item of another group is refused as if there were none). */
export async function requireMyGroup(env: Env, agent: SessionAgent, groupId: string): Promise<{ id: string; name: string }> {
  const group = (await groupsOf(env.DB, agent.id)).find((g) => g.id === groupId);
  if (!group) throw new ApiError(404, 'unknown_group', 'No such group among yours.', 'groupId');
  return group;
}

/** An enabled member of the group, who may be given an item of it. */
export async function requireMember(env: Env, groupId: string, agentId: string, field: string): Promise<{ id: string; name: string }> {
  const member = await findEnabledMember(env.DB, groupId, agentId);
  if (!member) throw new ApiError(404, 'unknown_agent', 'No such enabled agent in the group.', field);
  return member;
}

/**
 * Where an item is made: the chat it is made from (the item is in the chat's group), or the group
 * named, which must be one of the caller's.
 */
export async function placeOf(
  env: Env,
  agent: SessionAgent,
  body: { chatId?: string | undefined; groupId?: string | undefined },
): Promise<{ chat: ChatListRow | null; groupId: string }> {
  const chat = body.chatId === undefined ? null : await requireChat(env, agent, body.chatId);
  if (chat) {
    // What the chat holds (its conversation, its comments) must not reach another group's staff.
    if (body.groupId !== undefined && body.groupId !== chat.groupId) {
      throw new ApiError(400, 'invalid_body', 'An item made from a chat is in the chat’s group: leave groupId out.', 'groupId');
    }
    return { chat, groupId: chat.groupId };
  }
  if (body.groupId === undefined) throw new ApiError(400, 'invalid_body', 'Name the group (groupId), or the chat the item is made from (chatId).', 'groupId');
  await requireMyGroup(env, agent, body.groupId);
  return { chat: null, groupId: body.groupId };
}

/**
 * The chat's History line for an item related to it (or made from it) or unrelated. D1 holds the
 * relation, written first; if the chat cannot be reached now its History misses the line and the
 * relation stands (the Related Items tab reads D1).
 */
export async function noteOnChat(env: Env, agent: SessionAgent, chatId: string, item: ItemRef, change: 'added' | 'removed'): Promise<void> {
  try {
    orRefuse(await chatStub(env, chatId).noteRelation(callerOf(agent), item, change));
  } catch (err) {
    console.error('related item not noted in the chat', chatId, err);
  }
}

/**
 * The customer an item is about: as the body names them, else the chat's customer. A ticket
 * needs an email (replies go there); a call log may have none.
 */
export function customerOf(
  body: { customerName?: string | undefined; customerEmail?: string | undefined },
  chat: ChatListRow | null,
  email: 'required' | 'optional',
): { customerName: string; customerEmail: string } {
  const customerName = body.customerName ?? chat?.visitorName;
  if (customerName === undefined) throw new ApiError(400, 'invalid_body', 'Name the customer (customerName).', 'customerName');
  const customerEmail = normalEmail(body.customerEmail ?? chat?.visitorEmail ?? '');
  if ((email === 'required' || customerEmail !== '') && !isEmail(customerEmail)) {
    throw new ApiError(400, 'invalid_body', 'The customer’s email is not an email address.', 'customerEmail');
  }
  return { customerName, customerEmail };
}
