// Does a file's first bytes match the type it was declared as? For the types that have a
// signature ("magic number"), a file whose bytes say something else is refused: an HTML page
// declared as image/png must not become an "image" in a chat. Pure, tested under Node and Deno.
// Text types (text/plain, text/csv) have no signature and are not checked here.

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** ZIP local file header; also every .docx and .xlsx (they are ZIP archives). */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An empty ZIP archive (end-of-central-directory record only). */
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** How the declared type's signature is checked; absent for types without one. */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'image/png': (b) => startsWith(b, PNG),
  'image/jpeg': (b) => startsWith(b, JPEG),
  'image/gif': (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a',
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  'application/pdf': (b) => startsWith(b, PDF),
  'application/zip': (b) => startsWith(b, ZIP) || startsWith(b, ZIP_EMPTY),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ZIP),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => startsWith(b, ZIP),
};

/** True when the bytes carry the declared type's signature, or the type has none to check. */
export function matchesSignature(contentType: string, bytes: Uint8Array): boolean {
  const check = SIGNATURES[contentType];
  return check === undefined || check(bytes);
}
