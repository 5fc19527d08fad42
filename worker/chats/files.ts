// Files sent in a chat, by the customer or the agent: checked (size, type, name), stored in R2,
// recorded in D1 and announced in the chat as a `file` event. A refused file stores nothing.
import type { Caller } from '../../objects/identity.ts';
import type { Attachment } from '../../objects/protocol.ts';
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from '../../objects/rules/files.ts';
import { randomId } from '../auth/encoding.ts';
import { countAttachments, findAttachment, insertAttachment } from './file-queries.ts';
import { ApiError } from '../http/errors.ts';
import { refusal } from '../http/refusals.ts';
import { matchesSignature } from './file-signature.ts';
import { BIDI_CONTROLS } from '../../objects/rules/text.ts';

/** The longest file name kept (longer ones are cut, keeping the extension). */
const MAX_FILENAME = 120;

function cleanName(raw: string | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    throw new ApiError(400, 'invalid_file', 'The file name is not valid.');
  }
  // No paths, no control characters: just a name.
  name = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (BIDI_CONTROLS.test(name)) {
    throw new ApiError(400, 'invalid_file', 'The file name contains characters that change the direction of text; rename the file.');
  }
  if (name === '' || name === '.' || name === '..') throw new ApiError(400, 'invalid_file', 'The file needs a name (x-filename).');
  if (name.length <= MAX_FILENAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_FILENAME - ext.length) + ext;
}

/** The most files a customer may send in one chat (each up to MAX_FILE_BYTES): R2 is not a free disk. */
export const MAX_VISITOR_FILES = 20;

export async function storeUpload(env: Env, chatId: string, uploader: Caller, request: Request): Promise<Attachment> {
  if (uploader.person.role === 'visitor' && (await countAttachments(env.DB, chatId, 'visitor')) >= MAX_VISITOR_FILES) {
    throw new ApiError(429, 'too_many_files', `A chat takes at most ${MAX_VISITOR_FILES} files from the customer.`);
  }
  return attachBytes(env, chatId, uploader, await readUpload(request));
}

/** A file as it arrived and passed every check: its cleaned name, its type and its bytes. */
export interface CheckedUpload {
  filename: string;
  contentType: string;
  bytes: ArrayBuffer;
}

/**
 * Reads an upload (the raw body, `content-type` its type, `x-filename` its URI-encoded name) and
 * checks it as a chat file: an allowed type, at most MAX_FILE_BYTES, a usable name, and first
 * bytes that match the type. Canned replies' files are checked here too, as they become chat files.
 */
export async function readUpload(request: Request): Promise<CheckedUpload> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ALLOWED_FILE_TYPES.includes(contentType)) {
    throw new ApiError(415, 'unsupported_type', `Files of type ${contentType || 'unknown'} cannot be sent. Allowed: images, PDF, text, CSV, ZIP, Word and Excel.`);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_FILE_BYTES) throw new ApiError(413, 'file_too_large', `Files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MiB.`);
  const filename = cleanName(request.headers.get('x-filename') ?? undefined);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_FILE_BYTES) throw new ApiError(413, 'file_too_large', `Files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MiB.`);
  if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_file', 'The file is empty.');
  if (!matchesSignature(contentType, new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 16)))) {
    throw new ApiError(415, 'type_mismatch', `The file's contents are not ${contentType}: send it with its real type.`);
  }
  return { filename, contentType, bytes };
}

/**
 * Stores checked bytes as a file of the chat (R2 `chats/<chatId>/<id>`), has the chat's object
 * announce it as a `file` event (it refuses where the sender may not write), and records it in D1.
 */
export async function attachBytes(env: Env, chatId: string, uploader: Caller, upload: CheckedUpload): Promise<Attachment> {
  const { filename, contentType, bytes } = upload;
  const file: Attachment = { id: randomId(), filename, contentType, size: bytes.byteLength, uploadedBy: uploader.person.role };
  const r2Key = `chats/${chatId}/${file.id}`;
  await env.FILES.put(r2Key, bytes, { httpMetadata: { contentType } });
  const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
  const result = await stub.attachFile(uploader, file);
  if (!result.ok) {
    // The chat refused it (it ended meanwhile): nothing is left behind.
    await env.FILES.delete(r2Key);
    throw refusal(result);
  }
  await insertAttachment(env.DB, chatId, r2Key, file, Date.now());
  return file;
}

export async function serveUpload(env: Env, chatId: string, fileId: string): Promise<Response> {
  const found = await findAttachment(env.DB, chatId, fileId);
  const object = found ? await env.FILES.get(found.r2Key) : null;
  if (!found || !object) throw new ApiError(404, 'not_found', 'No such file in this chat.');
  return new Response(object.body, {
    headers: {
      'content-type': found.contentType,
      'content-length': String(found.size),
      // Always a download, never rendered in our origin: an uploaded HTML or SVG cannot run here.
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(found.filename)}`,
      'x-content-type-options': 'nosniff',
    },
  });
}
