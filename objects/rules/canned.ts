// Canned replies (the seed's Insert Canned Reply): their scopes and who may use or change each,
// their limits, and the little language of variables their text may hold
// (`{{customer.first_name|there}}`), parsed when a reply is saved and filled when it is inserted.
// Pure: the server, the console and `npm run admin -- canned` ask the same questions here. It does
// not know where a chat's names come from (the route gathers them) and never touches storage.
import { MAX_TEXT_LENGTH, type StaffRank } from '../protocol.ts';

/** Shared replies are written by administrators; a group's by its managers; a personal one by its owner. */
export const CANNED_SCOPES = ['shared', 'group', 'personal'] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];
export const SCOPE_LABELS: Record<CannedScope, string> = { shared: 'Shared', group: 'Group', personal: 'Personal' };

/** The longest title (characters). */
export const MAX_CANNED_TITLE = 120;
/** The longest folder name (characters); '' is the top level. */
export const MAX_CANNED_FOLDER = 60;
/** The longest body: a chat message's own limit, since a reply is sent as one. */
export const MAX_CANNED_BODY = MAX_TEXT_LENGTH;
/** The most files one reply carries (each a chat file: objects/rules/files.ts). */
export const MAX_CANNED_FILES = 5;
/** What an agent types after `#`: 1 to 32 lower-case letters, digits, `_` or `-`. */
export const SHORTCUT_PATTERN = /^[a-z0-9_-]{1,32}$/;
export const MAX_SHORTCUT_LENGTH = 32;
/** The characters a shortcut is made of (the reply box's trigger reads these after `#`). */
export const SHORTCUT_CHAR = /[a-z0-9_-]/i;

/** "#Refund " → "refund": what is stored, or null when nothing was given. */
export function normalShortcut(raw: string | null | undefined): string | null {
  const s = (raw ?? '').trim().replace(/^#/, '').toLowerCase();
  return s === '' ? null : s;
}

/** Why a (normalised) shortcut cannot be used, or null when it can. */
export function shortcutProblem(shortcut: string | null): string | null {
  if (shortcut === null || SHORTCUT_PATTERN.test(shortcut)) return null;
  return `A shortcut is 1 to ${MAX_SHORTCUT_LENGTH} letters, digits, "_" or "-" (typed after #), e.g. refund-policy.`;
}

// ---- who may use and change a reply ---------------------------------------------------------------

export interface CannedOwner {
  scope: CannedScope;
  /** The group of a group reply (null otherwise). */
  groupId: string | null;
  /** The owner of a personal reply (null otherwise). */
  ownerId: string | null;
}

export interface CannedCaller {
  id: string;
  role: StaffRank;
  /** The groups the caller is a member of, as D1 has them at this moment. */
  groupIds: readonly string[];
}

/** Shared replies: everyone on staff; a group's: its members; a personal one: its owner alone. */
export function mayUseReply(caller: CannedCaller, reply: CannedOwner): boolean {
  switch (reply.scope) {
    case 'shared':
      return true;
    case 'group':
      return reply.groupId !== null && caller.groupIds.includes(reply.groupId);
    case 'personal':
      return reply.ownerId === caller.id;
  }
}

/**
 * Shared replies: administrators; a group's: administrators, and managers who are members of the
 * group; a personal one: its owner alone (not even an administrator reads or changes another's).
 */
export function mayChangeReply(caller: CannedCaller, reply: CannedOwner): boolean {
  switch (reply.scope) {
    case 'shared':
      return caller.role === 'admin';
    case 'group':
      return caller.role === 'admin' || (caller.role === 'manager' && reply.groupId !== null && caller.groupIds.includes(reply.groupId));
    case 'personal':
      return reply.ownerId === caller.id;
  }
}

/** The scopes a caller may write in (the console's form offers these). */
export function writableScopes(role: StaffRank): CannedScope[] {
  return role === 'admin' ? ['shared', 'group', 'personal'] : role === 'manager' ? ['group', 'personal'] : ['personal'];
}

// ---- variables ------------------------------------------------------------------------------------
// A reply's variables are the templates' (objects/rules/templates.ts), shared with manual events.

export { FIELD_PREFIX, VARIABLES, type VariableName } from './templates.ts';
export type { TemplatePiece as CannedPiece, ParsedTemplate as ParsedBody, TemplateCheck as BodyCheck, TemplateValues as FillContext } from './templates.ts';
export { firstName, parseTemplate as parseBody, checkTemplate as checkBody, fillTemplate as fill } from './templates.ts';
