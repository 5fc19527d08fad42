// What an email address must look like, for the server, the console, the widget and the admin
// command alike. Deliberately loose (something@something.something, no spaces, no list
// separators): a real check is a message that arrives. Pure.

/** The longest address (RFC 5321's limit on a path). */
export const MAX_EMAIL_LENGTH = 254;
/** The most addresses one transcript goes to. */
export const MAX_RECIPIENTS = 10;

const EMAIL_SHAPE = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

export function isEmail(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(text);
}

/** As addresses are compared and stored: trimmed, in lower case. */
export function normalEmail(text: string): string {
  return text.trim().toLowerCase();
}

export type AddressList = { ok: true; addresses: string[] } | { ok: false; message: string };

/** "a@x; b@y" (";" or "," between them) → the addresses, each checked, or why not. */
export function parseAddressList(text: string): AddressList {
  const addresses = text
    .split(/[;,]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (addresses.length === 0) return { ok: false, message: 'Give at least one email address.' };
  if (addresses.length > MAX_RECIPIENTS) return { ok: false, message: `At most ${MAX_RECIPIENTS} addresses.` };
  const bad = addresses.find((a) => !isEmail(a));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not an email address.` };
  return { ok: true, addresses };
}
