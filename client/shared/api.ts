// One way for both clients to call the Worker's JSON API (docs/api.md): same-origin cookies, JSON
// bodies, a time limit, and the `{error: {code, message}}` envelope turned into an ApiError.

/** A request that has not answered after this long is abandoned. */
export const REQUEST_TIMEOUT_MS = 15_000;

// The shapes of the server's answers, defined once beside their routes (worker/<feature>/wire.ts;
// the routes check what they send with `satisfies`), imported here as types only.
import type { Group } from '../../worker/auth/wire.ts';
export type { Agent, Colleague, ColleaguesResponse, Group, MeResponse } from '../../worker/auth/wire.ts';
export type {
  BulkDeleteResponse,
  BulkTransferResponse,
  ChatCommandResponse,
  ChatCounts,
  ChatListResponse,
  ChatRowResponse,
  TranscriptResponse,
  TransferTo,
  TranslatedLine,
  TranslateResponse,
} from '../../worker/chats/wire.ts';
export type { ChatLink, ChatLinksResponse, CustomField, CustomFieldsResponse, CustomFieldType } from '../../worker/content/wire.ts';
export type { KbArticle, KbArticlesResponse, KbStats } from '../../worker/kb/wire.ts';
export type { OfflineMessage, OfflineMessagesResponse } from '../../worker/messages/wire.ts';
export type { AdminAgent, AdminAgentsResponse, AdminGroup, AdminGroupsResponse, CreatedResponse, NewAgentBody } from '../../worker/people/wire.ts';
export type { CreatedChat } from '../../worker/visitor/wire.ts';
export interface GroupsResponse {
  groups: Group[];
}

/** A failed call: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input field the server named as at fault (`field` in the error body), if it did. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Response> {
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
  if (!res.ok) {
    const error = await toApiError(res);
    if (error.code === 'unauthenticated') sessionEnded?.();
    throw error;
  }
  return res;
}

/** The one place a lost session is handled: called when any request answers 401 `unauthenticated`. */
let sessionEnded: (() => void) | null = null;

/** The console says what a lost session means (sign out); the widget has no session and says nothing. */
export function whenSessionEnds(handler: (() => void) | null): void {
  sessionEnded = handler;
}

/** A failed response as an ApiError; exported for callers that send raw bodies (the widget's uploads). */
export async function toApiError(res: Response): Promise<ApiError> {
  const data: unknown = await res.json().catch(() => null);
  if (typeof data === 'object' && data !== null && 'error' in data) {
    const { error } = data;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error;
      const field = 'field' in error && typeof error.field === 'string' ? error.field : null;
      if (typeof code === 'string' && typeof message === 'string') return new ApiError(res.status, code, message, field);
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

/** A PATCH whose JSON answer the caller reads. */
export async function patchJson<T>(path: string, body: unknown): Promise<T> {
  return readJson<T>(await request('PATCH', path, body));
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
