// The bodies of the canned-reply routes (/api/canned), defined once: the routes check what they
// send with `satisfies`, the console imports these types. Types only.
import type { Attachment } from '../../objects/protocol.ts';
import type { CannedScope } from '../../objects/rules/canned.ts';

/** A file kept with a canned reply (its bytes in R2 under `canned/<replyId>/<id>`). */
export interface CannedFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface CannedReply {
  id: string;
  scope: CannedScope;
  /** A group reply's group (null otherwise). */
  groupId: string | null;
  groupName: string | null;
  /** A personal reply's owner (null otherwise). */
  ownerId: string | null;
  /** '' is the top level. */
  folder: string;
  title: string;
  /** Typed after `#` in the reply box; null: none. */
  shortcut: string | null;
  /** The text with its `{{variables}}` (objects/rules/canned.ts). */
  body: string;
  files: CannedFile[];
  /** The caller may insert it (shared, one of their groups', or their own). */
  mayUse: boolean;
  /** The caller may edit and delete it (objects/rules/canned.ts mayChangeReply). */
  mayChange: boolean;
  updatedAt: number;
}

/** `GET /api/canned?view=use|manage&q=` */
export interface CannedListResponse {
  replies: CannedReply[];
}
/** `POST /api/canned` */
export interface NewCannedBody {
  scope: CannedScope;
  /** Required for a group reply, refused for the others. */
  groupId?: string;
  folder?: string;
  title: string;
  shortcut?: string | null;
  body: string;
}
/** `PATCH /api/canned/:id`: what is named changes; a reply's scope and group stay as made. */
export interface CannedEditBody {
  folder?: string;
  title?: string;
  shortcut?: string | null;
  body?: string;
  /** The reply's `updatedAt` when the editor read it: a save in between is refused (409 `edit_conflict`). */
  updatedAt?: number;
}
/** `POST`, `PATCH /api/canned…` */
export interface CannedReplyResponse {
  reply: CannedReply;
}
/** `POST /api/canned/:id/files` */
export interface CannedFileResponse {
  file: CannedFile;
}
/** `POST /api/canned/:id/fill` */
export interface CannedFillBody {
  chatId: string;
}
export interface CannedFillResponse {
  /** The body with the chat's values in place, to insert at the cursor. */
  text: string;
  /** The reply's files, which the console offers to send with the next message. */
  files: CannedFile[];
}
/** `POST /api/canned/:id/send-files`: the reply's files (or those named) sent into the chat. */
export interface CannedSendFilesBody {
  chatId: string;
  fileIds?: string[];
}
export interface CannedSendFilesResponse {
  /** The chat's files, as its `file` events carry them. */
  files: Attachment[];
}
