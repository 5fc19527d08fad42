// The customer's side once they start: starting a chat (with custom fields, from a live chat
// link), leaving a message when nobody is online, and, holding the chat's signed token, its
// socket, files, transcript (by email too) and survey. Nothing here ever returns staff-only
// content: transcripts come from the chat's visitor view of its log.
import type { CreatedChat, NewChat, NewMessage, SurveyBody, VisitorTranscriptEmailBody } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { type Caller, identityHeaders } from '../../objects/identity.ts';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import { isEmail, MAX_EMAIL_LENGTH, normalEmail } from '../../objects/rules/email.ts';
import { isLanguageTag } from '../../objects/rules/language.ts';
import { BIDI_CONTROLS, isValidText } from '../../objects/rules/text.ts';
import type { AppEnv } from '../http/app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { issueVisitorToken, verifyVisitorToken } from '../auth/visitor-token.ts';
import { findGroup } from '../people/queries.ts';
import { findChat, insertSurvey } from '../chats/queries.ts';
import { insertOfflineMessage } from '../messages/queries.ts';
import { limitPerAddress } from '../auth/client.ts';
import type { ChatListRow } from '../../objects/protocol.ts';
import { findLink, listFields } from '../content/queries.ts';
import { parseAddresses, sendTranscript } from '../chats/email.ts';
import { ApiError } from '../http/errors.ts';
import { orRefuse } from '../http/refusals.ts';
import { checkFields } from '../../objects/rules/fields.ts';
import { serveUpload, storeUpload } from '../chats/files.ts';
import { readBody } from '../http/body.ts';
import { chatStub } from '../chats/actions.ts';
import { MAX_IDENTITY_LENGTH, type VerifiedIdentity, verifyIdentity } from '../auth/signed-identity.ts';
import { isTimeZone } from '../../objects/rules/customers.ts';
import { insertVerifiedChat, noteCustomerQuietly, verifiedChatsOf } from '../customers/queries.ts';
import type { VisitorHistoryResponse } from '../customers/wire.ts';


/** The longest survey comment. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Text a visitor types: trimmed, 1 to `max` characters, valid Unicode (a body that was not valid
 * UTF-8 decodes to U+FFFD). Names also may not hold direction-changing characters, which would
 * make a name read differently in the agent's list than it is.
 */
const trimmed = (max: number) =>
  z
    .pipe(z.string(), z.transform((s) => s.trim()))
    .check(z.minLength(1), z.maxLength(max), z.refine(isValidText, { message: 'not valid text' }));
const email = z.string().check(z.maxLength(MAX_EMAIL_LENGTH), z.refine(isEmail, { message: 'an email address' }));
const personName = (max: number) => trimmed(max).check(z.refine((s) => !BIDI_CONTROLS.test(s), { message: 'direction characters' }));
const fields = z.optional(z.record(z.string(), z.union([z.string(), z.number()])));

const StartChat = z.object({
  name: personName(100),
  email,
  question: trimmed(MAX_TEXT_LENGTH),
  groupId: z.string().check(z.minLength(1), z.maxLength(64)),
  fields,
  language: z.optional(z.string().check(z.refine(isLanguageTag, { message: 'a language tag such as en or pt-BR' }))),
  link: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The browser's own language (navigator.language), kept on the customer unless staff set theirs. */
  browserLanguage: z.optional(z.string().check(z.refine(isLanguageTag, { message: 'a language tag such as en or pt-BR' }))),
  /** The browser's time zone, kept on the customer unless staff set theirs. */
  timeZone: z.optional(z.string().check(z.refine(isTimeZone, { message: 'an IANA time zone such as Europe/Lisbon' }))),
  /** A signed identity from the website (worker/auth/signed-identity.ts): its email and name win over the form's. */
  identity: z.optional(z.string().check(z.maxLength(MAX_IDENTITY_LENGTH))),
});

const IdentityBody = z.object({ identity: z.string().check(z.maxLength(MAX_IDENTITY_LENGTH)) });

/** The identity the website signed, or the refusal's reason (nothing is started or shown). */
async function requireIdentity(env: Env, token: string): Promise<VerifiedIdentity> {
  const checked = await verifyIdentity(env.IDENTITY_SECRET, token, Date.now());
  if (!checked.ok) throw new ApiError(checked.code === 'identity_expired' ? 401 : 400, checked.code, checked.message, 'identity');
  return checked.identity;
}

const LeaveMessage = z.object({
  name: personName(100),
  email,
  message: trimmed(MAX_TEXT_LENGTH),
  groupId: z.string().check(z.minLength(1), z.maxLength(64)),
  fields,
  link: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

/** How many transcript emails a customer may ask for, per chat (the address is theirs to type). */
export const MAX_TRANSCRIPT_EMAILS = 3;

/** The group to use and the custom fields to keep: a live chat link's presets win over the form's. */
async function prepare(env: Env, body: { groupId: string; fields?: Record<string, string | number>; link?: string }) {
  const link = body.link ? await findLink(env.DB, body.link) : undefined;
  if (body.link && !link) throw new ApiError(404, 'unknown_link', 'This chat link does not exist (any more).');
  const group = await findGroup(env.DB, link?.groupId ?? body.groupId);
  if (!group) throw new ApiError(404, 'unknown_group', 'No such group.');
  const checked = checkFields(await listFields(env.DB), { ...body.fields, ...link?.fields });
  if (!checked.ok) throw new ApiError(400, 'invalid_field', checked.message, checked.key);
  return { group, fields: checked.values };
}

/**
 * How long a visitor's token keeps working once its chat has ended: long enough to rate the chat,
 * have the transcript emailed and reload the page; short enough that a token left behind on a
 * shared computer soon stops opening the conversation. (Before the end, the token's own expiry,
 * VISITOR_TOKEN_TTL, applies.)
 */
export const TOKEN_AFTER_END_MS = 60 * 60 * 1000;

/**
 * The chat, once the visitor's token is shown to open exactly that chat, the chat still exists
 * (a deleted chat's token opens nothing) and it has not been over for TOKEN_AFTER_END_MS.
 */
async function requireToken(env: Env, chatId: string, token: string | undefined): Promise<ChatListRow> {
  const now = Date.now();
  const chat = (await verifyVisitorToken(env.TOKEN_SECRET, token ?? '', chatId, now)) ? await findChat(env.DB, chatId) : undefined;
  if (!chat) throw new ApiError(401, 'bad_token', 'This link does not open that chat.');
  if (chat.endedAt !== null && chat.endedAt + TOKEN_AFTER_END_MS <= now) {
    throw new ApiError(401, 'token_expired', 'This chat ended a while ago; start a new one to talk to us.');
  }
  return chat;
}

function visitorOf(chat: ChatListRow): Caller {
  return { person: { role: 'visitor', id: chat.id, name: chat.visitorName }, rank: null };
}

export const visitorRoutes = new Hono<AppEnv>()
  .post('/chats', async (c) => {
    const body = await readBody<NewChat>(c, StartChat);
    await limitPerAddress(c, c.env.VISITOR_LIMITER, 'chat', {
      code: 'rate_limited',
      message: 'Too many chats started from this address: wait a minute and try again.',
    });
    const identity = body.identity === undefined ? null : await requireIdentity(c.env, body.identity);
    const { group, fields: values } = await prepare(c.env, body);
    const id = randomId();
    const name = identity?.name ?? body.name;
    const email = identity?.email ?? normalEmail(body.email);
    const now = Date.now();
    // Marked verified before it starts: a chat is never shown unverified-then-verified, and a
    // mark whose chat did not start names nothing anyone can open.
    if (identity) await insertVerifiedChat(c.env.DB, id, email, now);
    const result = await chatStub(c.env, id).open({
      id,
      groupId: group.id,
      groupName: group.name,
      visitor: { role: 'visitor', id, name },
      visitorEmail: email,
      question: body.question,
      fields: values,
      language: body.language ?? null,
    });
    orRefuse(result);
    await noteCustomerQuietly(c.env.DB, {
      email,
      name,
      at: now,
      timeZone: body.timeZone ?? null,
      language: body.language ?? body.browserLanguage ?? null,
      fields: values,
      ...(identity && { verified: { externalId: identity.externalId, name: identity.name } }),
    });
    const ttlMs = Number(c.env.VISITOR_TOKEN_TTL) * 1000;
    const token = await issueVisitorToken(c.env.TOKEN_SECRET, id, Date.now() + ttlMs);
    return c.json({ chatId: id, token } satisfies CreatedChat, 201);
  })
  .post('/messages', async (c) => {
    const body = await readBody<NewMessage>(c, LeaveMessage);
    await limitPerAddress(c, c.env.VISITOR_LIMITER, 'message', {
      code: 'rate_limited',
      message: 'Too many messages left from this address: wait a minute and try again.',
    });
    const { group, fields: values } = await prepare(c.env, body);
    const id = randomId();
    const now = Date.now();
    const email = normalEmail(body.email);
    await insertOfflineMessage(c.env.DB, { id, groupId: group.id, name: body.name, email, message: body.message, fields: values, now });
    await noteCustomerQuietly(c.env.DB, { email, name: body.name, at: now, fields: values });
    return c.json({ id }, 201);
  })
  // A verified customer's earlier conversations (their website signed who they are); an
  // unverified visitor has only the chat their token names, whatever email they typed.
  .post('/history', async (c) => {
    const identity = await requireIdentity(c.env, (await readBody<{ identity: string }>(c, IdentityBody)).identity);
    return c.json({ chats: await verifiedChatsOf(c.env.DB, identity.email) } satisfies VisitorHistoryResponse);
  })
  .post('/history/:id/transcript', async (c) => {
    const identity = await requireIdentity(c.env, (await readBody<{ identity: string }>(c, IdentityBody)).identity);
    const chatId = c.req.param('id');
    if (!(await verifiedChatsOf(c.env.DB, identity.email)).some((chat) => chat.id === chatId)) {
      throw new ApiError(404, 'not_found', 'No such conversation of yours.');
    }
    const transcript = await chatStub(c.env, chatId).transcript('visitor');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such conversation of yours.');
    return c.json(transcript);
  })
  .get('/chats/:id/transcript', async (c) => {
    const chatId = (await requireToken(c.env, c.req.param('id'), c.req.query('token'))).id;
    const transcript = await chatStub(c.env, chatId).transcript('visitor');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    return c.json(transcript);
  })
  .post('/chats/:id/transcript-email', async (c) => {
    const chat = await requireToken(c.env, c.req.param('id'), c.req.query('token'));
    const chatId = chat.id;
    const body = await readBody<VisitorTranscriptEmailBody>(c, z.object({ email: z.optional(z.string().check(z.maxLength(254))) }));
    const transcript = await chatStub(c.env, chatId).transcript('visitor');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    // A customer's copy goes only to the address the chat was started with, a few times at most:
    // otherwise anyone could start a chat, write their own text and mail it to strangers.
    if (body.email !== undefined && normalEmail(body.email) !== chat.visitorEmail) {
      throw new ApiError(400, 'not_your_address', 'A transcript is sent only to the email address the chat was started with.');
    }
    const to = parseAddresses(chat.visitorEmail);
    if (transcript.chat.status !== 'ended') throw new ApiError(409, 'not_ended', 'A transcript can be emailed once the chat has ended.');
    if (!(await chatStub(c.env, chatId).claimTranscriptEmail(MAX_TRANSCRIPT_EMAILS))) {
      throw new ApiError(429, 'too_many_emails', `A transcript can be emailed ${MAX_TRANSCRIPT_EMAILS} times per chat.`);
    }
    await sendTranscript(c.env, to, transcript);
    return c.json({ sent: true }, 202);
  })
  .post('/chats/:id/survey', async (c) => {
    const chat = await requireToken(c.env, c.req.param('id'), c.req.query('token'));
    const chatId = chat.id;
    const body = await readBody<SurveyBody>(
      c,
      z.object({ rating: z.int().check(z.minimum(1), z.maximum(5)), comment: z.optional(z.string().check(z.maxLength(MAX_COMMENT_LENGTH))) }),
    );
    const comment = body.comment?.trim() ?? '';
    const result = await chatStub(c.env, chatId).rate(visitorOf(chat), body.rating, comment);
    orRefuse(result);
    await insertSurvey(c.env.DB, { chatId, rating: body.rating, comment, now: Date.now() });
    return c.json({ rated: true }, 201);
  })
  .post('/chats/:id/files', async (c) => {
    const chat = await requireToken(c.env, c.req.param('id'), c.req.query('token'));
    return c.json({ file: await storeUpload(c.env, chat.id, visitorOf(chat), c.req.raw) }, 201);
  })
  .get('/chats/:id/files/:fileId', async (c) => {
    const chat = await requireToken(c.env, c.req.param('id'), c.req.query('token'));
    return serveUpload(c.env, chat.id, c.req.param('fileId'));
  })
  .get('/chats/:id/ws', async (c) => {
    const chat = await requireToken(c.env, c.req.param('id'), c.req.query('token'));
    const chatId = chat.id;
    const caller = visitorOf(chat);
    const req = c.req.raw;
    return chatStub(c.env, chatId).fetch(new Request(req, { headers: identityHeaders({ ...caller, grant: null }, req.headers) }));
  });
