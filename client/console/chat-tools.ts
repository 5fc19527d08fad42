// The rules of the chat toolbar's Send file, Email transcript and Translate: who may use them
// when, and the checks made before a round trip (a file's type and size, the addresses, the
// language code). They mirror the server (objects/protocol.ts, worker/routes/chats.ts); pure.
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from '../../objects/protocol.ts';
import type { ChatSnapshot } from '../../objects/protocol.ts';

export interface ToolContext {
  chat: Pick<ChatSnapshot, 'status' | 'agent'> | null;
  meId: string;
  joined: ReadonlySet<string>;
  busy: boolean;
}

export interface ToolAbilities {
  sendFile: boolean;
  /** Email transcript and Translate are offered on ended chats only. */
  ended: boolean;
}

export function toolAbilities(c: ToolContext): ToolAbilities {
  const status = c.chat?.status ?? null;
  const takingPart = c.chat?.agent?.id === c.meId || c.joined.has(c.meId);
  return {
    sendFile: !c.busy && (status === 'queued' || status === 'active') && takingPart,
    ended: status === 'ended',
  };
}

/** Why a file cannot be sent, or null if it may. */
export function checkFile(file: { name: string; type: string; size: number }): string | null {
  if (!ALLOWED_FILE_TYPES.includes(file.type)) {
    return `${file.name} cannot be sent: only images (PNG, JPEG, GIF, WebP), PDF, text, CSV, ZIP, Word and Excel files are allowed.`;
  }
  if (file.size > MAX_FILE_BYTES) return `${file.name} is too large: files may be up to ${MAX_FILE_BYTES / 1024 / 1024} MB.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/** The addresses typed, split on ";" or ",", or why they are not usable. */
export function checkAddresses(text: string): { ok: true; addresses: string[] } | { ok: false; message: string } {
  const addresses = text
    .split(/[;,]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (addresses.length === 0) return { ok: false, message: 'Enter at least one email address.' };
  const bad = addresses.find((a) => !/^[^\s@]+@[^\s@]+$/.test(a));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not an email address.` };
  return { ok: true, addresses };
}

/** A language code the server accepts (e.g. "de", "pt-BR"). */
export function isLanguageCode(text: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(text.trim());
}
