// The bodies of the chat routes (lists, counts, one chat, its actions, transcript, translation,
// bulk actions), defined once: routes check what they send with `satisfies`, the console imports
// these types.
import type { ChatComment, ChatEvent, ChatListRow, ChatSnapshot, CommentKind, TimeLog } from '../../objects/protocol.ts';
import type { HttpErrorCode } from '../http/error-codes.ts';
import type { TranslatedLine } from './translate.ts';

export type { TranslatedLine } from './translate.ts';

/**
 * The lists of the seed's "Agent Live Chats vs. Global Live Chats": the agent's own, the queue,
 * one group's active (queued or taken) or inactive (ended) chats, and Global Live Chats: every
 * chat of every group the person is a member of.
 */
export type ChatFilter =
  | { view: 'my-active' }
  | { view: 'my-completed' }
  | { view: 'queued' }
  | { view: 'group'; groupId: string; state: 'active' | 'inactive' }
  | { view: 'global' };
export type ChatView = ChatFilter['view'];

/** `GET /api/chats/counts`: the numbers beside the navigation's views. */
export interface ChatCounts {
  myActive: number;
  queued: number;
  groups: Record<string, { active: number; inactive: number }>;
}


/** `GET /api/chats`: one page, and how many chats the whole view has. */
export interface ChatListResponse {
  chats: ChatListRow[];
  total: number;
}
/** `GET /api/chats/:id` */
export interface ChatRowResponse {
  chat: ChatListRow;
}
/** Take, take over, transfer, follow-up, end: the chat as it now is. */
export interface ChatCommandResponse {
  chat: ChatSnapshot | null;
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
  results: ({ chatId: string; ok: true } | { chatId: string; ok: false; code: HttpErrorCode; message: string })[];
}
/** `POST /api/bulk/delete` */
export interface BulkDeleteResponse {
  deleted: string[];
}
/** `GET /api/chats/:id/comments`: the comments as they stand, oldest first. */
export interface CommentsResponse {
  comments: ChatComment[];
}
/** `POST /api/chats/:id/comments`, `PATCH /api/chats/:id/comments/:commentId` */
export interface CommentResponse {
  comment: ChatComment;
}
/** `GET /api/chats/:id/time-logs`: the chat's time logs and their total minutes (all, billable). */
export interface TimeLogsResponse {
  timeLogs: TimeLog[];
  total: { all: number; billable: number };
}
/** `POST /api/chats/:id/time-logs` */
export interface TimeLogResponse {
  timeLog: TimeLog;
}
/** `POST /api/chats/:id/translate` */
export interface TranslateResponse {
  language: string;
  lines: TranslatedLine[];
}

// ---- request bodies ------------------------------------------------------------------------

/** `POST /api/chats/:id/transfer`: `comment` is a Transfer comment for whoever receives the chat. */
export interface TransferBody {
  to: TransferTo;
  comment?: string;
}
/** `POST /api/chats/:id/comments`: `dueAt` (ms since the epoch) for a Follow-Up comment only. */
export interface CommentBody {
  kind: CommentKind;
  text: string;
  dueAt?: number | null;
}
/** `PATCH /api/chats/:id/comments/:commentId` */
export interface CommentEditBody {
  text: string;
}
/** `POST /api/chats/:id/time-logs`: whole minutes (1 to a working week); `at` defaults to now, never in the future. */
export interface TimeLogBody {
  minutes: number;
  note?: string;
  billable?: boolean;
  at?: number;
}
/** `PUT /api/chats/:id/fields`: the fields to change, by key ('' clears one); the others stay. */
export interface FieldsBody {
  fields: Record<string, string>;
}
/** `PUT /api/chats/:id/follow-up`: ms since the epoch, in the future and at most a year ahead; null clears it. */
export interface FollowUpBody {
  at: number | null;
}
/** `POST /api/chats/:id/transcript-email` (staff): addresses separated by ";" or ",". */
export interface TranscriptEmailBody {
  addresses: string;
}
/** `POST /api/chats/:id/translate` */
export interface TranslateBody {
  language: string;
}
/** `POST /api/bulk/delete` */
export interface BulkDeleteBody {
  chatIds: string[];
}
/** `POST /api/bulk/transfer` */
export interface BulkTransferBody {
  chatIds: string[];
  to: TransferTo;
  /** A Transfer comment written on each chat. */
  comment?: string;
}
