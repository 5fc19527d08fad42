// Files a chat accepts, for the server, the console and the widget alike: at most this size, of
// these types, with a name that means what it shows. Pure.

/** The largest file, in bytes (10 MiB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ALLOWED_FILE_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
/** The images a chat shows inline (never SVG: it can carry script). */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** 1536 → "1.5 KB"; binary units, as the limit (10 MiB) is counted. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Why a file cannot be sent, or null when it may (the server checks again and has the last word). */
export function fileProblem(file: { name: string; type: string; size: number }): string | null {
  if (!ALLOWED_FILE_TYPES.includes(file.type)) {
    return `${file.name} can't be sent: only images (PNG, JPEG, GIF, WebP), PDF, text, CSV, ZIP, Word and Excel files are accepted.`;
  }
  if (file.size > MAX_FILE_BYTES) return `${file.name} is too large: files are limited to ${formatSize(MAX_FILE_BYTES)}.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}
