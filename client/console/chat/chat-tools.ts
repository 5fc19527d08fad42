// Who may use the chat toolbar's Send file, Email transcript and Translate, and when. The checks
// made before a round trip (a file's type and size, the addresses, the language tag) are the
// server's own rules, from objects/rules/; pure.
import type { ChatSnapshot } from '../../../objects/protocol.ts';
import { parseAddressList } from '../../../objects/rules/email.ts';

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

/** The addresses typed, split on ";" or ",", or why they are not usable (objects/rules/email.ts). */
export const checkAddresses = parseAddressList;
