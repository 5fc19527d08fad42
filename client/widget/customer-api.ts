// The customer's side of the HTTP API (docs/api.md, "The customer's side"), one named function per
// route, so the models read as what they do. Shapes of the server's answers are imported from the
// server's own modules (types only) rather than written out a second time.
import type { DeflectionBody } from '../../worker/kb/wire.ts';
import type { SurveyBody, VisitorTranscriptEmailBody } from '../../worker/visitor/wire.ts';
import type { Attachment } from '../../objects/protocol.ts';
import type { PublicArticle as Article, Suggestion } from '../../worker/kb/wire.ts';
import type { NewChat, NewMessage, PublicConfig } from '../../worker/visitor/wire.ts';
import type { VisitorHistoryResponse } from '../../worker/customers/wire.ts';
import type { TranscriptResponse } from '../../worker/chats/wire.ts';
import { ApiError, getJson, postJson, REQUEST_TIMEOUT_MS, toApiError, type CreatedChat } from '../shared/api.ts';

/** Files can be large: an upload gets longer than an ordinary request. */
const UPLOAD_TIMEOUT_MS = 4 * REQUEST_TIMEOUT_MS;

export type { NewChat, NewMessage, PublicConfig, PublicGroup } from '../../worker/visitor/wire.ts';
export type { PublicArticle as Article, Suggestion } from '../../worker/kb/wire.ts';
export type { VisitorHistoryResponse } from '../../worker/customers/wire.ts';
export type { TranscriptResponse } from '../../worker/chats/wire.ts';

/** How many suggested articles the intermediary page shows. */
export const SUGGESTION_LIMIT = 5;

const q = encodeURIComponent;
const chatPath = (chatId: string, rest: string, token: string) => `/api/visitor/chats/${q(chatId)}/${rest}?token=${q(token)}`;

export function fetchConfig(link: string | null): Promise<PublicConfig> {
  return getJson<PublicConfig>(`/api/public/config${link ? `?link=${q(link)}` : ''}`);
}

export async function searchArticles(question: string): Promise<Suggestion[]> {
  return (await getJson<{ articles: Suggestion[] }>(`/api/public/kb/search?q=${q(question)}&limit=${SUGGESTION_LIMIT}`)).articles;
}

export async function fetchArticle(id: string): Promise<Article> {
  return (await getJson<{ article: Article }>(`/api/public/kb/articles/${q(id)}`)).article;
}

export async function countDeflection(articleId: string, groupId: string, question: string): Promise<void> {
  await postJson('/api/public/kb/deflections', { articleId, groupId, question } satisfies DeflectionBody);
}

export function createChat(chat: NewChat): Promise<CreatedChat> {
  return postJson<CreatedChat>('/api/visitor/chats', chat);
}

/** A verified customer's earlier chats (the site signed who they are). */
export async function fetchEarlierChats(identity: string): Promise<VisitorHistoryResponse['chats']> {
  return (await postJson<VisitorHistoryResponse>('/api/visitor/history', { identity })).chats;
}

export function fetchEarlierTranscript(identity: string, chatId: string): Promise<TranscriptResponse> {
  return postJson<TranscriptResponse>(`/api/visitor/history/${q(chatId)}/transcript`, { identity });
}

export async function leaveMessage(message: NewMessage): Promise<void> {
  await postJson('/api/visitor/messages', message);
}

/** To the address the chat was started with: the server sends a customer's copy nowhere else. */
export async function emailTranscript(chatId: string, token: string): Promise<void> {
  await postJson(chatPath(chatId, 'transcript-email', token), {} satisfies VisitorTranscriptEmailBody);
}

export async function sendSurvey(chatId: string, token: string, rating: number, comment: string): Promise<void> {
  await postJson(chatPath(chatId, 'survey', token), { rating, comment } satisfies SurveyBody);
}

/** Sends the file's bytes as the body; the chat announces it as a `file` event. */
export async function uploadFile(chatId: string, token: string, file: File): Promise<Attachment> {
  let res: Response;
  try {
    res = await fetch(chatPath(chatId, 'files', token), {
      method: 'POST',
      body: file,
      headers: { 'content-type': file.type, 'x-filename': encodeURIComponent(file.name), accept: 'application/json' },
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  // Typed like every answer in shared/api.ts: the shape is the server's, declared above.
  const data: { file: Attachment } = await res.json();
  return data.file;
}
