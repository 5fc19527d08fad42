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

/** The variables a reply may name, each with what it is filled with. `field.<key>` is any custom field. */
export const VARIABLES = {
  'customer.name': "The customer's name as they gave it",
  'customer.first_name': "The first word of the customer's name",
  'customer.email': "The customer's email address",
  'agent.name': 'Your name (whoever inserts the reply)',
  'agent.first_name': 'The first word of your name',
  'group.name': "The chat's group",
} as const;
export type VariableName = keyof typeof VARIABLES;
/** `{{field.order-number}}`: a chat's custom field, by the key an administrator gave it. */
export const FIELD_PREFIX = 'field.';
const FIELD_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** `{{ name | fallback }}`: anything but braces and line breaks inside. */
const TOKEN = /\{\{([^{}\r\n]*)\}\}/g;
/** How much of an unclosed `{{…` the refusal quotes. */
const UNCLOSED_SHOWN = 24;

export type CannedPiece =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: VariableName; fallback: string | null }
  | { kind: 'field'; key: string; fallback: string | null };

export interface ParsedBody {
  pieces: CannedPiece[];
  /** Each `{{…}}` that names no variable (or an undefined custom field), as written, once each. */
  unknown: string[];
  /** A `{{` with no `}}` after it (on its line), as written from there (cut short). */
  unclosed: string | null;
}

function isVariable(name: string): name is VariableName {
  return Object.hasOwn(VARIABLES, name);
}

/**
 * Splits a body into text and variables. A field variable is known when its key is among
 * `fieldKeys` (the custom fields defined now); pass null to accept any well-formed key (filling a
 * reply saved before a field was removed: the fallback then stands in).
 */
export function parseBody(body: string, fieldKeys: readonly string[] | null): ParsedBody {
  const pieces: CannedPiece[] = [];
  const unknown: string[] = [];
  let unclosed: string | null = null;
  let at = 0;
  const text = (t: string, plain = true) => {
    const open = plain ? t.indexOf('{{') : -1;
    if (open >= 0 && unclosed === null) unclosed = t.slice(open, open + UNCLOSED_SHOWN).split(/\r?\n/)[0]!;
    if (t !== '') pieces.push({ kind: 'text', text: t });
  };
  for (const match of body.matchAll(TOKEN)) {
    text(body.slice(at, match.index));
    at = match.index + match[0].length;
    const inside = match[1]!;
    const bar = inside.indexOf('|');
    const name = (bar < 0 ? inside : inside.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inside.slice(bar + 1).trim();
    if (isVariable(name)) {
      pieces.push({ kind: 'variable', name, fallback });
    } else if (name.startsWith(FIELD_PREFIX) && FIELD_KEY.test(name.slice(FIELD_PREFIX.length)) && (fieldKeys === null || fieldKeys.includes(name.slice(FIELD_PREFIX.length)))) {
      pieces.push({ kind: 'field', key: name.slice(FIELD_PREFIX.length), fallback });
    } else {
      if (!unknown.includes(match[0])) unknown.push(match[0]);
      text(match[0], false);
    }
  }
  text(body.slice(at));
  return { pieces, unknown, unclosed };
}

export type BodyCheck = { ok: true } | { ok: false; unknown: string[]; message: string };

/** What a body may be saved with: every variable known, every `{{` closed. The message names them. */
export function checkBody(body: string, fieldKeys: readonly string[]): BodyCheck {
  const { unknown, unclosed } = parseBody(body, fieldKeys);
  if (unknown.length === 0 && unclosed === null) return { ok: true };
  const known = [...Object.keys(VARIABLES).map((v) => `{{${v}}}`), '{{field.<key>}}'].join(', ');
  const fields = fieldKeys.length > 0 ? `the custom fields defined are ${fieldKeys.join(', ')}` : 'no custom fields are defined';
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`Unknown variable${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.`);
  if (unclosed !== null) parts.push(`"${unclosed}" is not closed with }}.`);
  const all = unclosed === null ? unknown : [...unknown, unclosed];
  return { ok: false, unknown: all, message: `${parts.join(' ')} Use ${known} (${fields}), each with an optional fallback: {{customer.first_name|there}}.` };
}

/** What a reply is filled with when it is inserted in a chat. */
export interface FillContext {
  customer: { name: string; email: string };
  agent: { name: string };
  group: { name: string };
  /** The chat's custom fields as they stand. */
  fields: Readonly<Record<string, string>>;
}

/** "Ann-Marie O'Neil" → "Ann-Marie"; '' stays ''. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

function valueOf(name: VariableName, ctx: FillContext): string {
  switch (name) {
    case 'customer.name':
      return ctx.customer.name.trim();
    case 'customer.first_name':
      return firstName(ctx.customer.name);
    case 'customer.email':
      return ctx.customer.email.trim();
    case 'agent.name':
      return ctx.agent.name.trim();
    case 'agent.first_name':
      return firstName(ctx.agent.name);
    case 'group.name':
      return ctx.group.name.trim();
  }
}

/**
 * The body with each variable filled: its value, or its fallback where the value is empty, or
 * nothing where there is neither. What is not a variable (it could not be saved) stays as written.
 */
export function fill(body: string, ctx: FillContext): string {
  return parseBody(body, null)
    .pieces.map((p) => {
      if (p.kind === 'text') return p.text;
      const value = p.kind === 'variable' ? valueOf(p.name, ctx) : (ctx.fields[p.key] ?? '').trim();
      return value !== '' ? value : (p.fallback ?? '');
    })
    .join('');
}
