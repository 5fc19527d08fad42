// What the visitor can do once their chat has ended, as signals and actions: have the transcript
// emailed (to the address the chat was started with: never another, so the form cannot relay
// mail to strangers) and answer the post-chat survey, once. Both
// need the chat's token; the survey's answer is remembered with the chat (storage.ts).
import { signal } from '@preact/signals';
import { ApiError, describeError } from '../shared/api.ts';
import { emailTranscript, sendSurvey } from './customer-api.ts';

/** The survey's scale, best last; each rating's words for the radio group. */
export const RATINGS = [
  { value: 1, label: 'Very poor' },
  { value: 2, label: 'Poor' },
  { value: 3, label: 'Okay' },
  { value: 4, label: 'Good' },
  { value: 5, label: 'Excellent' },
] as const;
/** As the server limits a comment (MAX_COMMENT_LENGTH in worker/routes/visitor.ts). */
export const MAX_COMMENT_LENGTH = 2000;

export type TranscriptState =
  | { status: 'idle'; error: string | null }
  | { status: 'sending' }
  | { status: 'sent'; to: string };

/** `already`: the server says this chat was rated before (another tab, an earlier visit). */
export type SurveyState = { status: 'idle'; error: string | null } | { status: 'sending' } | { status: 'done' | 'already' };

export type AfterChat = ReturnType<typeof createAfterChat>;

export function createAfterChat(chat: { chatId: string; token: string; email: string | null; rated: boolean }) {
  const transcript = signal<TranscriptState>({ status: 'idle', error: null });
  const survey = signal<SurveyState>(chat.rated ? { status: 'done' } : { status: 'idle', error: null });

  /** To the address the chat was started with (the server knows it). */
  async function sendTranscript(): Promise<void> {
    if (transcript.value.status === 'sending') return;
    transcript.value = { status: 'sending' };
    try {
      await emailTranscript(chat.chatId, chat.token);
      transcript.value = { status: 'sent', to: chat.email ?? 'your email address' };
    } catch (error) {
      transcript.value = { status: 'idle', error: describeError(error) };
    }
  }

  async function rate(rating: number | null, comment: string): Promise<void> {
    if (survey.value.status !== 'idle') return;
    if (rating === null) {
      survey.value = { status: 'idle', error: 'Please choose a rating from 1 to 5.' };
      return;
    }
    survey.value = { status: 'sending' };
    try {
      await sendSurvey(chat.chatId, chat.token, rating, comment.trim());
      survey.value = { status: 'done' };
    } catch (error) {
      survey.value =
        error instanceof ApiError && error.code === 'already_rated' ? { status: 'already' } : { status: 'idle', error: describeError(error) };
    }
  }

  return { email: chat.email, transcript, survey, sendTranscript, rate };
}
