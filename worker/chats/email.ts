// Transcripts by email through the send_email binding (Email Service). Locally, miniflare writes
// each message to a file under its temporary folder and logs the path instead of sending it.
import { transcriptText } from '../../objects/chat/transcript.ts';
import type { ChatEvent, ChatSnapshot } from '../../objects/protocol.ts';
import { parseAddressList } from '../../objects/rules/email.ts';
import { ApiError } from '../http/errors.ts';

/** "a@x; b@y" → the addresses, each checked (objects/rules/email.ts), or 400 invalid_body. */
export function parseAddresses(list: string): string[] {
  const parsed = parseAddressList(list);
  if (!parsed.ok) throw new ApiError(400, 'invalid_body', parsed.message);
  return parsed.addresses;
}

export async function sendTranscript(env: Env, to: string[], transcript: { chat: ChatSnapshot; events: ChatEvent[] }): Promise<void> {
  if (transcript.chat.status !== 'ended') throw new ApiError(409, 'not_ended', 'A transcript can be emailed once the chat has ended.');
  const text = transcriptText(transcript.chat, transcript.events);
  for (const address of to) {
    await env.EMAIL.send({
      from: { email: env.SENDER_EMAIL, name: 'Switchboard' },
      to: address,
      subject: `Your chat with ${transcript.chat.groupName}`,
      text,
    });
  }
}
