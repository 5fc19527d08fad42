// The file input's accepted types and the address a sent file is fetched from. The rules for a
// file (type, size) are objects/rules/files.ts, checked before uploading so a refusal is instant
// (the server checks again: 413/415). Pure.
import { ALLOWED_FILE_TYPES } from '../../objects/rules/files.ts';

/** What the file input's `accept` lists: the types the server takes. */
export const ACCEPTED_TYPES = ALLOWED_FILE_TYPES.join(',');

/** Where the visitor downloads a file of their chat (the token proves it is their chat). */
export function fileUrl(chatId: string, fileId: string, token: string): string {
  return `/api/visitor/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileId)}?token=${encodeURIComponent(token)}`;
}
