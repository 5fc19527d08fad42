// One way for both clients to call the Worker's JSON API (docs/api.md): same-origin cookies, JSON
// bodies, a time limit, and the `{error: {code, message}}` envelope turned into an ApiError.
// The HTTP response shapes live here because objects/protocol.ts only defines socket frames.
import type { ChatEvent, ChatListRow, ChatSnapshot, Presence, StaffRank } from '../../objects/protocol.ts';

/** A request that has not answered after this long is abandoned. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface Group {
  id: string;
  name: string;
}
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: StaffRank;
}
export interface MeResponse {
  agent: Agent;
  groups: Group[];
  /** What this deployment can do (translation needs a Workers AI binding). */
  features?: { translation: boolean };
}
export interface GroupsResponse {
  groups: Group[];
}
/** `GET /api/chats`: one page, and how many chats the whole view has. */
export interface ChatListResponse {
  chats: ChatListRow[];
  total: number;
}
export interface ChatRowResponse {
  chat: ChatListRow;
}
/** `GET /api/chats/counts`: the numbers beside the navigation's views. */
export interface ChatCounts {
  myActive: number;
  queued: number;
  groups: Record<string, { active: number; inactive: number }>;
}
/** `GET /api/chats/:id/transcript` (staff): the whole log, staff-only events included. */
export interface TranscriptResponse {
  chat: ChatSnapshot;
  events: ChatEvent[];
  row: ChatListRow;
}
/** Where a transfer sends chats (`POST /api/chats/:id/transfer`, `POST /api/bulk/transfer`). */
export type TransferTo = { kind: 'group'; groupId: string } | { kind: 'agent'; agentId: string };
/** `POST /api/bulk/transfer`: one answer per chat, in the order asked. */
export interface BulkTransferResponse {
  results: { chatId: string; ok: boolean; code?: string; message?: string }[];
}
/** `GET /api/agents`: the colleagues who share a group with the caller. */
export interface Colleague {
  id: string;
  name: string;
  email: string;
  role: Agent['role'];
  groupIds: string[];
  presence: Presence;
}
export interface ColleaguesResponse {
  agents: Colleague[];
}
export interface CreatedChat {
  chatId: string;
  token: string;
}
/** `GET /api/admin/agents`: one row per person, `groups` being their groups' names joined by ", ". */
export interface AdminAgent {
  id: string;
  email: string;
  name: string;
  role: StaffRank;
  disabled: boolean;
  maxChats: number;
  /** The group names, for reading ("Sales, Support"). */
  groups: string;
  groupIds: string[];
  /** Until when failed sign-ins lock the account (ms), if they ever did; 0 or past: not locked. */
  lockedUntil: number;
}
export interface AdminAgentsResponse {
  agents: AdminAgent[];
}
/** `GET /api/admin/groups`: `memberEmails` joined by ", " for reading; `memberIds` to act on. */
export interface AdminGroup {
  id: string;
  name: string;
  members: number;
  memberEmails: string;
  memberIds: string[];
}
export interface AdminGroupsResponse {
  groups: AdminGroup[];
}
export interface CreatedResponse {
  id: string;
}

/** `GET /api/admin/kb`: one knowledge-base article, draft or published, with its deflections. */
export interface KbArticle {
  id: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  updatedAt: number;
  deflections: number;
}
export interface KbArticlesResponse {
  articles: KbArticle[];
}
/** `GET /api/admin/kb/stats`: deflections per article and in all. */
export interface KbStats {
  articles: { id: string; title: string; status: string; deflections: number }[];
  deflections: number;
  chatsStarted: number;
}
/** A live chat link (`/chat/<slug>`) with its preset custom fields. */
export interface ChatLink {
  slug: string;
  name: string;
  groupId: string;
  fields: Record<string, string>;
}
export interface ChatLinksResponse {
  links: ChatLink[];
}
export type CustomFieldType = 'text' | 'number' | 'select';
/** A custom field of the pre-chat form. */
export interface CustomField {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string[];
}
export interface CustomFieldsResponse {
  fields: CustomField[];
}
/** `GET /api/messages`: a message a customer left while nobody in the group was online. */
export interface OfflineMessage {
  id: string;
  groupId: string;
  groupName: string;
  name: string;
  email: string;
  message: string;
  fields: Record<string, string>;
  createdAt: number;
  handledBy: string | null;
  handledAt: number | null;
}
export interface OfflineMessagesResponse {
  messages: OfflineMessage[];
}
/** `POST /api/chats/:id/translate`: one line of the conversation, with its translation. */
export interface TranslatedLine {
  seq: number;
  from: string;
  original: string;
  translated: string;
}
export interface TranslateResponse {
  language: string;
  lines: TranslatedLine[];
}

/** A failed call: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/** A failed response as an ApiError; exported for callers that send raw bodies (the widget's uploads). */
export async function toApiError(res: Response): Promise<ApiError> {
  const data: unknown = await res.json().catch(() => null);
  if (typeof data === 'object' && data !== null && 'error' in data) {
    const { error } = data;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error;
      if (typeof code === 'string' && typeof message === 'string') return new ApiError(res.status, code, message);
    }
  }
  return new ApiError(res.status, 'http_' + res.status, `The server answered ${res.status} ${res.statusText}.`.trim());
}

async function readJson<T>(res: Response): Promise<T> {
  // The one place HTTP bodies get a type: they come from the Worker of this same deployment,
  // whose shapes are documented in docs/api.md and declared above. Errors were handled before.
  const data: T = await res.json();
  return data;
}

export async function getJson<T>(path: string): Promise<T> {
  return readJson<T>(await request('GET', path));
}

export async function postJson<T>(path: string, body?: unknown): Promise<T> {
  return readJson<T>(await request('POST', path, body ?? {}));
}

/** A POST whose answer the caller does not need (e.g. 204 from logout). */
export async function post(path: string, body?: unknown): Promise<void> {
  await request('POST', path, body);
}

/** A PUT whose JSON answer the caller reads. */
export async function putJson<T>(path: string, body: unknown): Promise<T> {
  return readJson<T>(await request('PUT', path, body));
}

/** A PUT whose answer the caller does not need (it refetches instead). */
export async function put(path: string, body?: unknown): Promise<void> {
  await request('PUT', path, body);
}

export async function del(path: string): Promise<void> {
  await request('DELETE', path);
}

/** Sends a file as the raw body (`content-type` its type, `x-filename` its URI-encoded name). */
export async function postFile<T>(path: string, file: Blob, filename: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream', 'x-filename': encodeURIComponent(filename) },
      credentials: 'same-origin',
      body: file,
      // Uploads of up to 10 MiB may take longer than a JSON call.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 8),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  return readJson<T>(res);
}

/** The sentence to show a person for any failure. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
