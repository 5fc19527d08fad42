// The rules for a file the visitor sends, checked before uploading so a refusal is instant and
// says why (the server checks again: 413/415), and the address a sent file is fetched from. Pure.
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from '../../objects/protocol.ts';

/** What the file input's `accept` lists: the types the server takes. */
export const ACCEPTED_TYPES = ALLOWED_FILE_TYPES.join(',');

/** What the visitor reads when a file is refused before upload, or null when it may go. */
export function checkFile(file: { name: string; size: number; type: string }): string | null {
  if (!ALLOWED_FILE_TYPES.includes(file.type)) {
    return `${file.name} can't be sent: only images, PDF, text, CSV, ZIP, Word and Excel files are accepted.`;
  }
  if (file.size > MAX_FILE_BYTES) return `${file.name} is too large: files are limited to ${formatSize(MAX_FILE_BYTES)}.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/** 1536 → "1.5 KB"; binary units, as the limit (10 MiB) is counted. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Where the visitor downloads a file of their chat (the token proves it is their chat). */
export function fileUrl(chatId: string, fileId: string, token: string): string {
  return `/api/visitor/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileId)}?token=${encodeURIComponent(token)}`;
}
