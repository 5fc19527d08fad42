// Canned replies (the seed's Insert Canned Reply), mounted at /api/canned: the replies a member of
// staff may insert or manage, writing them (shared: administrators; a group's: administrators and
// the group's managers; personal: the owner alone), their files in R2, filling one for a chat (its
// customer, the caller, its group, its custom fields) and sending its files into the chat. Every
// route reads the caller's groups from D1 as it runs: a right lost a second ago is lost here. A
// reply the caller may neither use nor change does not exist for them (404).
import type {
  CannedEditBody, CannedFileResponse, CannedFillBody, CannedFillResponse, CannedListResponse, CannedReplyResponse, CannedSendFilesBody,
  CannedSendFilesResponse, NewCannedBody,
} from './wire.ts';
import type { Attachment } from '../../objects/protocol.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  CANNED_SCOPES, type CannedCaller, type CannedOwner, checkBody, fill, MAX_CANNED_BODY, MAX_CANNED_FILES, MAX_CANNED_FOLDER, MAX_CANNED_TITLE,
  MAX_SHORTCUT_LENGTH, mayChangeReply, mayUseReply, normalShortcut, shortcutProblem,
} from '../../objects/rules/canned.ts';
import { BIDI_CONTROLS, isValidText } from '../../objects/rules/text.ts';
import { randomId } from '../auth/encoding.ts';
import { requireAgent } from '../auth/session.ts';
import { callerOf, chatStub, requireChat } from '../chats/actions.ts';
import { attachBytes, readUpload } from '../chats/files.ts';
import { listFields } from '../content/queries.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { idField } from '../http/paging.ts';
import { manyLines, oneLine } from '../items/scope.ts';
import { findGroup, groupsOf } from '../people/queries.ts';
import {
  cannedFileKey, deleteReply, deleteReplyFile, filesOf, findReply, insertReply, insertReplyFile, listReplies, toReply, updateReply,
} from './queries.ts';

/** The longest search string the list takes. */
const MAX_SEARCH_LENGTH = 100;

const folder = z.string().check(
  z.trim(),
  z.maxLength(MAX_CANNED_FOLDER),
  z.refine((t) => isValidText(t) && !BIDI_CONTROLS.test(t) && !/[\r\n]/.test(t)),
);
// Longer than a shortcut may be, so a wrong one is refused with the rule's own words below.
const shortcut = z.nullable(z.string().check(z.maxLength(MAX_SHORTCUT_LENGTH + 8)));
const NewReply = z.object({
  scope: z.enum(CANNED_SCOPES),
  groupId: z.optional(idField),
  folder: z.optional(folder),
  title: oneLine(MAX_CANNED_TITLE),
  shortcut: z.optional(shortcut),
  body: manyLines(MAX_CANNED_BODY, 1),
});
const EditReply = z.object({
  folder: z.optional(folder),
  title: z.optional(oneLine(MAX_CANNED_TITLE)),
  shortcut: z.optional(shortcut),
  body: z.optional(manyLines(MAX_CANNED_BODY, 1)),
  /** The reply's `updatedAt` as the editor read it: a save in between is refused (edit_conflict). */
  updatedAt: z.optional(z.number().check(z.int(), z.nonnegative())),
});
const ListQuery = z.object({
  view: z._default(z.enum(['use', 'manage']), 'use'),
  q: z._default(z.string().check(z.trim(), z.maxLength(MAX_SEARCH_LENGTH)), ''),
});
const FillBody = z.object({ chatId: idField });
const SendFilesBody = z.object({
  chatId: idField,
  fileIds: z.optional(
    z.array(idField).check(z.minLength(1), z.maxLength(MAX_CANNED_FILES), z.refine((ids) => new Set(ids).size === ids.length, { message: 'each file once' })),
  ),
});

/** Who is asking, with their groups as D1 has them now. */
async function cannedCaller(env: Env, agent: SessionAgent): Promise<CannedCaller> {
  return { id: agent.id, role: agent.role, groupIds: (await groupsOf(env.DB, agent.id)).map((g) => g.id) };
}

/**
 * The reply, if the caller may `use` it (insert it, send its files), `change` it, or `see` it
 * (either). One they may do neither with is 404; one they may see but not do this with is 403.
 */
async function requireReply(env: Env, caller: CannedCaller, id: string, need: 'use' | 'change' | 'see') {
  const reply = await findReply(env.DB, id);
  const mayUse = reply !== undefined && mayUseReply(caller, reply);
  const mayChange = reply !== undefined && mayChangeReply(caller, reply);
  if (!reply || (!mayUse && !mayChange)) throw new ApiError(404, 'not_found', 'No such canned reply among yours.');
  if (need === 'change' && !mayChange) throw new ApiError(403, 'not_allowed', changeRefusal(reply));
  if (need === 'use' && !mayUse) throw new ApiError(403, 'not_allowed', 'Only the members of its group insert this reply.');
  return reply;
}

function changeRefusal(owner: CannedOwner): string {
  switch (owner.scope) {
    case 'shared':
      return 'Only administrators write shared canned replies.';
    case 'group':
      return 'Only administrators and the managers of its group write a group’s canned replies.';
    case 'personal':
      return 'A personal canned reply is written by its owner alone.';
  }
}

/** The shortcut as stored (lower case, no #), or 400 with the rule's words. */
function checkedShortcut(raw: string | null | undefined): string | null {
  const s = normalShortcut(raw);
  const problem = shortcutProblem(s);
  if (problem) throw new ApiError(400, 'invalid_body', problem, 'shortcut');
  return s;
}

/** Refuses a body whose variables are not all known (the custom fields as defined now). */
async function checkVariables(env: Env, body: string): Promise<void> {
  const checked = checkBody(body, (await listFields(env.DB)).map((f) => f.key));
  if (!checked.ok) throw new ApiError(400, 'unknown_variable', checked.message, 'body', { unknown: checked.unknown });
}

const CONFLICT = () => new ApiError(409, 'edit_conflict', 'Someone saved this canned reply since you opened it: open it again to see their change, then make yours.');
const TAKEN = (s: string) => new ApiError(409, 'shortcut_taken', `Another canned reply of this scope has the shortcut #${s}.`, 'shortcut');

async function answer(env: Env, caller: CannedCaller, id: string): Promise<CannedReplyResponse> {
  const row = await findReply(env.DB, id);
  if (!row) throw new ApiError(404, 'not_found', 'No such canned reply among yours.');
  return { reply: toReply(row, (await filesOf(env.DB, [id])).get(id) ?? [], caller) };
}

export const cannedRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const { view, q } = readQuery(c, ListQuery, { hint: 'view is use (the replies you may insert) or manage (those you may change); q searches.' });
    const caller = await cannedCaller(c.env, c.get('agent'));
    return c.json({ replies: await listReplies(c.env.DB, caller, view, q) } satisfies CannedListResponse);
  })
  .post('/', async (c) => {
    const agent = c.get('agent');
    const caller = await cannedCaller(c.env, agent);
    const body = await readBody<NewCannedBody>(c, NewReply);
    if (body.scope === 'group') {
      if (body.groupId === undefined) throw new ApiError(400, 'invalid_body', 'A group reply names its group (groupId).', 'groupId');
      if (!(await findGroup(c.env.DB, body.groupId))) throw new ApiError(404, 'unknown_group', 'No such group.', 'groupId');
    } else if (body.groupId !== undefined) {
      throw new ApiError(400, 'invalid_body', 'Only a group reply names a group: leave groupId out.', 'groupId');
    }
    const owner: CannedOwner = { scope: body.scope, groupId: body.scope === 'group' ? body.groupId! : null, ownerId: body.scope === 'personal' ? agent.id : null };
    if (!mayChangeReply(caller, owner)) throw new ApiError(403, 'not_allowed', changeRefusal(owner));
    const short = checkedShortcut(body.shortcut);
    await checkVariables(c.env, body.body);
    const id = randomId(8);
    const row = { id, ...owner, folder: body.folder ?? '', title: body.title, shortcut: short, body: body.body, createdBy: agent.id, now: Date.now() };
    if (!(await insertReply(c.env.DB, row))) throw TAKEN(short!);
    return c.json((await answer(c.env, caller, id)) satisfies CannedReplyResponse, 201);
  })
  .patch('/:id', async (c) => {
    const caller = await cannedCaller(c.env, c.get('agent'));
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'change');
    const { updatedAt, ...edit } = await readBody<CannedEditBody>(c, EditReply);
    if (Object.keys(edit).length === 0) throw new ApiError(400, 'invalid_body', 'Change at least one of folder, title, shortcut and body.');
    const expected = updatedAt ?? reply.updatedAt;
    if (expected !== reply.updatedAt) throw CONFLICT();
    const short = edit.shortcut === undefined ? reply.shortcut : checkedShortcut(edit.shortcut);
    if (edit.body !== undefined) await checkVariables(c.env, edit.body);
    const next = { id: reply.id, folder: edit.folder ?? reply.folder, title: edit.title ?? reply.title, shortcut: short, body: edit.body ?? reply.body, now: Date.now(), expected };
    if (!(await updateReply(c.env.DB, next))) {
      // No row changed: the reply went, someone saved it meanwhile, or the shortcut is taken.
      const now = await findReply(c.env.DB, reply.id);
      if (!now) throw new ApiError(404, 'not_found', 'No such canned reply among yours.');
      if (now.updatedAt !== expected) throw CONFLICT();
      throw TAKEN(short!);
    }
    return c.json((await answer(c.env, caller, reply.id)) satisfies CannedReplyResponse);
  })
  .delete('/:id', async (c) => {
    const caller = await cannedCaller(c.env, c.get('agent'));
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'change');
    // The files whose rows the delete removed, exactly (one uploaded a moment before included).
    const fileIds = await deleteReply(c.env.DB, reply.id);
    if (fileIds.length > 0) await c.env.FILES.delete(fileIds.map((id) => cannedFileKey(reply.id, id)));
    return c.body(null, 204);
  })
  // Files: checked as chat files are (they become chat files when sent), kept in R2.
  .post('/:id/files', async (c) => {
    const caller = await cannedCaller(c.env, c.get('agent'));
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'change');
    const full = () => new ApiError(409, 'too_many_reply_files', `A canned reply carries at most ${MAX_CANNED_FILES} files.`);
    // Counted before the body is read, and again as the row is written (two uploads at once).
    if (((await filesOf(c.env.DB, [reply.id])).get(reply.id) ?? []).length >= MAX_CANNED_FILES) throw full();
    const upload = await readUpload(c.req.raw);
    const file = { id: randomId(), filename: upload.filename, contentType: upload.contentType, size: upload.bytes.byteLength };
    const key = cannedFileKey(reply.id, file.id);
    await c.env.FILES.put(key, upload.bytes, { httpMetadata: { contentType: file.contentType } });
    const stored = await insertReplyFile(c.env.DB, reply.id, file, Date.now(), MAX_CANNED_FILES);
    if (stored !== 'ok') {
      await c.env.FILES.delete(key);
      throw stored === 'full' ? full() : new ApiError(404, 'not_found', 'This canned reply was deleted meanwhile.');
    }
    return c.json({ file } satisfies CannedFileResponse, 201);
  })
  .get('/:id/files/:fileId', async (c) => {
    const caller = await cannedCaller(c.env, c.get('agent'));
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'see');
    const file = ((await filesOf(c.env.DB, [reply.id])).get(reply.id) ?? []).find((f) => f.id === c.req.param('fileId'));
    const object = file ? await c.env.FILES.get(cannedFileKey(reply.id, file.id)) : null;
    if (!file || !object) throw new ApiError(404, 'not_found', 'No such file in this canned reply.');
    return new Response(object.body, {
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.size),
        // Always a download, never rendered in our origin (as a chat's files: worker/chats/files.ts).
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-type-options': 'nosniff',
      },
    });
  })
  .delete('/:id/files/:fileId', async (c) => {
    const caller = await cannedCaller(c.env, c.get('agent'));
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'change');
    const fileId = c.req.param('fileId');
    if (!(await deleteReplyFile(c.env.DB, reply.id, fileId))) throw new ApiError(404, 'not_found', 'No such file in this canned reply.');
    await c.env.FILES.delete(cannedFileKey(reply.id, fileId));
    return c.body(null, 204);
  })
  // Inserting a reply in a chat: the text with the chat's values, for the caller to edit and send.
  .post('/:id/fill', async (c) => {
    const agent = c.get('agent');
    const caller = await cannedCaller(c.env, agent);
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'use');
    const { chatId } = await readBody<CannedFillBody>(c, FillBody);
    const chat = await requireChat(c.env, agent, chatId);
    // The chat's own word on its customer, group and fields (staff's edits included).
    const snapshot = await chatStub(c.env, chat.id).getSnapshot();
    if (!snapshot) throw new ApiError(404, 'not_found', 'No such chat.');
    const text = fill(reply.body, {
      customer: { name: snapshot.visitor.name, email: chat.visitorEmail },
      agent: { name: agent.name },
      group: { name: snapshot.groupName },
      chat: { id: chat.id },
      fields: snapshot.fields,
    });
    return c.json({ text, files: (await filesOf(c.env.DB, [reply.id])).get(reply.id) ?? [] } satisfies CannedFillResponse);
  })
  // Sending a reply's files with the message that used it: each is copied into the chat as a
  // chat file (R2 `chats/<chatId>/…`, a `file` event), exactly as if the agent had sent it.
  .post('/:id/send-files', async (c) => {
    const agent = c.get('agent');
    const caller = await cannedCaller(c.env, agent);
    const reply = await requireReply(c.env, caller, c.req.param('id'), 'use');
    const body = await readBody<CannedSendFilesBody>(c, SendFilesBody);
    const chat = await requireChat(c.env, agent, body.chatId);
    const files = (await filesOf(c.env.DB, [reply.id])).get(reply.id) ?? [];
    const chosen = body.fileIds === undefined ? files : body.fileIds.map((id) => files.find((f) => f.id === id));
    if (chosen.length === 0) throw new ApiError(400, 'invalid_body', 'This canned reply has no files to send.');
    const missing = () => new ApiError(404, 'not_found', 'No such file in this canned reply.', 'fileIds');
    if (chosen.some((f) => f === undefined)) throw missing();
    // Every file's bytes are checked to be there before any is sent: all of them go, or none.
    const heads = await Promise.all(chosen.map((f) => (f ? c.env.FILES.head(cannedFileKey(reply.id, f.id)) : null)));
    if (heads.some((h) => h === null)) throw missing();
    const sent: Attachment[] = [];
    for (const file of chosen) {
      const object = file ? await c.env.FILES.get(cannedFileKey(reply.id, file.id)) : null;
      if (!file || !object) throw missing();
      // One at a time: at most one file's bytes (≤ 10 MiB) are held at once.
      sent.push(await attachBytes(c.env, chat.id, callerOf(agent), { filename: file.filename, contentType: file.contentType, bytes: await object.arrayBuffer() }));
    }
    return c.json({ files: sent } satisfies CannedSendFilesResponse, 201);
  });
