// The customer's side of the HTTP API (docs/api.md, "The customer's side"), one named function per
// route, so the models read as what they do. Shapes of the server's answers are imported from the
// server's own modules (types only) rather than written out a second time.
import type { Attachment } from '../../objects/protocol.ts';
import type { ChatLink } from '../../worker/content/queries.ts';
import type { CustomField } from '../../objects/rules/fields.ts';
import { ApiError, getJson, postJson, REQUEST_TIMEOUT_MS, toApiError, type CreatedChat } from '../shared/api.ts';

/** Files can be large: an upload gets longer than an ordinary request. */
const UPLOAD_TIMEOUT_MS = 4 * REQUEST_TIMEOUT_MS;

export interface PublicGroup {
  id: string;
  name: string;
  /** Agents of the group online now; 0 means nobody will answer soon. */
  online: number;
}
export interface PublicConfig {
  groups: PublicGroup[];
  fields: CustomField[];
  link: ChatLink | null;
}
export interface Suggestion {
  id: string;
  title: string;
  snippet: string;
}
export interface Article {
  id: string;
  title: string;
  /** Plain text: shown as text, never as HTML. */
  body: string;
  updatedAt: number;
}
export interface NewChat {
  name: string;
  email: string;
  question: string;
  groupId: string;
  fields: Record<string, string>;
  language?: string;
  link?: string;
}
export interface NewMessage {
  name: string;
  email: string;
  message: string;
  groupId: string;
  fields: Record<string, string>;
}

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
  await postJson('/api/public/kb/deflections', { articleId, groupId, question });
}

export function createChat(chat: NewChat): Promise<CreatedChat> {
  return postJson<CreatedChat>('/api/visitor/chats', chat);
}

export async function leaveMessage(message: NewMessage): Promise<void> {
  await postJson('/api/visitor/messages', message);
}

/** To the address the chat was started with: the server sends a customer's copy nowhere else. */
export async function emailTranscript(chatId: string, token: string): Promise<void> {
  await postJson(chatPath(chatId, 'transcript-email', token), {});
}

export async function sendSurvey(chatId: string, token: string, rating: number, comment: string): Promise<void> {
  await postJson(chatPath(chatId, 'survey', token), { rating, comment });
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
