// Transcripts by email through the send_email binding (Email Service). Locally, miniflare writes
// each message to a file under its temporary folder and logs the path instead of sending it.
import { transcriptText } from '../objects/chat/transcript.ts';
import type { ChatEvent, ChatSnapshot } from '../objects/protocol.ts';
import type { Env } from './env.ts';
import { ApiError } from './errors.ts';

/** The most addresses one transcript goes to. */
export const MAX_RECIPIENTS = 10;
const EMAIL_SHAPE = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

/** "a@x; b@y" → the addresses, each checked. */
export function parseAddresses(list: string): string[] {
  const addresses = list
    .split(/[;,]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (addresses.length === 0) throw new ApiError(400, 'invalid_body', 'Give at least one email address.');
  if (addresses.length > MAX_RECIPIENTS) throw new ApiError(400, 'invalid_body', `At most ${MAX_RECIPIENTS} addresses.`);
  const bad = addresses.find((a) => !EMAIL_SHAPE.test(a));
  if (bad) throw new ApiError(400, 'invalid_body', `${bad} is not an email address.`);
  return addresses;
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
