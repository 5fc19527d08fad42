// Manual events (the seed's Actions → Manual Event): what an administrator may define, checked
// once here for the server, the console and the tests alike; the templates' variables and how
// they are filled; and the webhook's wire format (body, headers, HMAC-SHA256 signature) and retry
// schedule. Pure: no cloudflare:* or node:* import (the signature uses WebCrypto, global in
// workerd, Node and Deno). Running the actions is the Worker's (worker/manual-events/run.ts).
import * as z from 'zod/mini';
import { type CommentKind, MAX_COMMENT_LENGTH, type ManualActionKind } from '../protocol.ts';
import { isEmail, MAX_EMAIL_LENGTH } from './email.ts';
import { MAX_FIELD_LENGTH } from './fields.ts';
import { checkTemplate, VARIABLES, type VariableName } from './templates.ts';

export { MANUAL_ACTION_KINDS, type ManualActionKind } from '../protocol.ts';

/** The longest event name (it is a menu item). */
export const MAX_EVENT_NAME = 80;
/** The most actions one event runs: a menu item, not a workflow engine. */
export const MAX_ACTIONS = 10;
/** The most groups one event names (far more than a deployment has). */
export const MAX_EVENT_GROUPS = 100;
/** An email's subject and body, before variables are filled. */
export const MAX_EMAIL_SUBJECT = 200;
export const MAX_EMAIL_BODY = 10_000;
/** The longest webhook address. */
export const MAX_WEBHOOK_URL = 2_000;
/** The furthest ahead a follow-up action schedules (a year, like the toolbar's Follow-up). */
export const MAX_FOLLOW_UP_MINUTES = 366 * 24 * 60;
/** Custom-field keys, as the administrator defines them (worker/content/routes.ts). */
const FIELD_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ID_LENGTH = 64;

/** Comment kinds an add-comment action may write: a Follow-Up comment is the follow-up action's (it needs a due time). */
export const ACTION_COMMENT_KINDS = ['general', 'resolution', 'transfer', 'sticky'] as const satisfies readonly Exclude<CommentKind, 'follow-up'>[];

/** Where a transfer action sends the chat. */
export type ActionTransferTo = { kind: 'group'; groupId: string } | { kind: 'agent'; agentId: string };

/** One action of a manual event, as stored (JSON in manual_events.actions) and sent. */
export type ManualAction =
  | { type: 'add-comment'; kind: (typeof ACTION_COMMENT_KINDS)[number]; text: string }
  | { type: 'set-field'; key: string; value: string }
  | { type: 'transfer'; to: ActionTransferTo }
  /** `comment` ('' for none) is written as a Follow-Up comment due at the same time. */
  | { type: 'follow-up'; inMinutes: number; comment: string }
  | { type: 'end-chat' }
  /** `to` is 'customer' (the chat's email address) or one fixed address. */
  | { type: 'send-email'; to: string; subject: string; body: string }
  | { type: 'webhook'; url: string };

/** An event as an administrator saves it. */
export interface ManualEventInput {
  name: string;
  groupIds: string[];
  actions: ManualAction[];
}

function manualEventSchema() {
  const text = (max: number) => z.string().check(z.maxLength(max));
  const id = z.string().check(z.minLength(1), z.maxLength(ID_LENGTH));
  const action = z.discriminatedUnion('type', [
    z.object({ type: z.literal('add-comment'), kind: z.enum(ACTION_COMMENT_KINDS), text: text(MAX_COMMENT_LENGTH) }),
    z.object({ type: z.literal('set-field'), key: text(ID_LENGTH), value: text(MAX_FIELD_LENGTH) }),
    z.object({
      type: z.literal('transfer'),
      to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('group'), groupId: id }), z.object({ kind: z.literal('agent'), agentId: id })]),
    }),
    z.object({
      type: z.literal('follow-up'),
      inMinutes: z.int().check(z.minimum(1), z.maximum(MAX_FOLLOW_UP_MINUTES)),
      comment: z._default(text(MAX_COMMENT_LENGTH), ''),
    }),
    z.object({ type: z.literal('end-chat') }),
    z.object({ type: z.literal('send-email'), to: text(MAX_EMAIL_LENGTH), subject: text(MAX_EMAIL_SUBJECT), body: text(MAX_EMAIL_BODY) }),
    z.object({ type: z.literal('webhook'), url: text(MAX_WEBHOOK_URL) }),
  ]);
  // Generous bounds on the name and the list: checkManualEvent gives the clear message for those.
  return z.object({
    name: z.string().check(z.maxLength(MAX_EVENT_NAME * 2)),
    groupIds: z.array(id).check(z.maxLength(MAX_EVENT_GROUPS)),
    actions: z.array(action).check(z.maxLength(MAX_ACTIONS * 2)),
  });
}
/** The shape of a manual event's body (a zod/mini schema: the rules below say what it means). */
export const ManualEventSchema = /* @__PURE__ */ manualEventSchema();

/** Why an event cannot be saved: a stable code, a message naming the action, and the field at fault. */
export type EventProblem = { code: 'invalid_action' | 'unknown_variable' | 'invalid_field' | 'invalid_body'; message: string; field: string };
export type EventCheck = { ok: true; event: ManualEventInput } | ({ ok: false } & EventProblem);

/**
 * The rules a saved event keeps, beyond its shape: a name, at least one group, one to MAX_ACTIONS
 * actions, each with what it needs; templates naming only known variables; set-field naming a
 * defined field (`fieldKeys`); an email to 'customer' or a real address; a webhook to an address
 * that may receive one. Names are trimmed; nothing else is rewritten.
 */
export function checkManualEvent(input: ManualEventInput, fieldKeys: readonly string[]): EventCheck {
  const name = input.name.trim();
  if (name === '') return problem('invalid_body', 'Give the event a name.', 'name');
  if (name.length > MAX_EVENT_NAME) return problem('invalid_body', `A name is at most ${MAX_EVENT_NAME} characters.`, 'name');
  const groupIds = [...new Set(input.groupIds)];
  if (groupIds.length === 0) return problem('invalid_body', 'Choose at least one group that may use the event.', 'groupIds');
  if (input.actions.length === 0) return problem('invalid_action', 'Add at least one action.', 'actions');
  if (input.actions.length > MAX_ACTIONS) return problem('invalid_action', `An event runs at most ${MAX_ACTIONS} actions.`, 'actions');
  for (const [i, action] of input.actions.entries()) {
    const refused = actionProblem(action, fieldKeys, `actions.${i}`, `Action ${i + 1} (${ACTION_NAMES[action.type]})`);
    if (refused) return { ok: false, ...refused };
  }
  return { ok: true, event: { name, groupIds, actions: input.actions } };
}

/** The actions' titles, as History, reports and the Administration page show them. */
export const ACTION_TITLES: Readonly<Record<ManualActionKind, string>> = {
  'add-comment': 'Add comment',
  'set-field': 'Set field',
  transfer: 'Transfer',
  'follow-up': 'Follow-up',
  'end-chat': 'End chat',
  'send-email': 'Send email',
  webhook: 'Webhook',
};

/** The actions' names inside a sentence (refusals). */
export const ACTION_NAMES: Readonly<Record<ManualActionKind, string>> = {
  'add-comment': 'add a comment',
  'set-field': 'set a custom field',
  transfer: 'transfer',
  'follow-up': 'schedule a follow-up',
  'end-chat': 'end the chat',
  'send-email': 'send an email',
  webhook: 'call a webhook',
};

function problem(code: EventProblem['code'], message: string, field: string): { ok: false } & EventProblem {
  return { ok: false, code, message, field };
}

function actionProblem(action: ManualAction, fieldKeys: readonly string[], at: string, which: string): EventProblem | null {
  const template = (text: string, field: string): EventProblem | null => {
    const bad = templateProblem(text, fieldKeys);
    return bad ? { code: 'unknown_variable', message: `${which}: ${bad}`, field: `${at}.${field}` } : null;
  };
  const invalid = (message: string, field: string): EventProblem => ({ code: 'invalid_action', message: `${which}: ${message}`, field: `${at}.${field}` });
  switch (action.type) {
    case 'add-comment':
      if (action.text.trim() === '') return invalid('write the comment.', 'text');
      return template(action.text, 'text');
    case 'set-field':
      if (!fieldKeys.includes(action.key)) {
        return { code: 'invalid_field', message: `${which}: no custom field "${action.key}" is defined.`, field: `${at}.key` };
      }
      return template(action.value, 'value');
    case 'transfer':
      return null; // the group or agent is looked up in D1 by the route
    case 'follow-up':
      return template(action.comment, 'comment');
    case 'end-chat':
      return null;
    case 'send-email': {
      const to = action.to.trim();
      if (to !== 'customer' && !isEmail(to)) return invalid('send it to "customer" or to one email address.', 'to');
      if (action.subject.trim() === '') return invalid('give the email a subject.', 'subject');
      if (action.body.trim() === '') return invalid('write the email.', 'body');
      return template(action.subject, 'subject') ?? template(action.body, 'body');
    }
    case 'webhook': {
      const bad = webhookUrlProblem(action.url);
      return bad ? invalid(bad, 'url') : null;
    }
  }
}

// ---- templates ------------------------------------------------------------------------------
// An event's texts use the templates' variables (objects/rules/templates.ts), shared with canned replies.

export { type TemplateValues, fillTemplate } from './templates.ts';
/** The variables every template may use; `field.<key>` names a custom field besides these. */
export const TEMPLATE_VARIABLES = Object.keys(VARIABLES) as VariableName[];

/** Why a template cannot be saved (an unknown variable, or braces that open none), or null. */
export function templateProblem(text: string, fieldKeys: readonly string[]): string | null {
  const checked = checkTemplate(text, fieldKeys);
  return checked.ok ? null : checked.message;
}

// ---- webhooks -------------------------------------------------------------------------------

/**
 * Where a webhook may go: https anywhere; plain http only to this machine (127.0.0.1, localhost,
 * [::1]), for trying a receiver out locally under wrangler dev: a deployed Worker reaches no such
 * address, so nothing signed ever travels unencrypted. No credentials in the address (they would
 * be stored and shown).
 */
export function webhookUrlProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return 'give the webhook an address.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text.slice(0, 80)}" is not a web address.`;
  }
  if (url.username !== '' || url.password !== '') return 'put no user name or password in the address.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)) return null;
  return 'a webhook address starts with https:// (plain http only to 127.0.0.1 or localhost, for local testing).';
}
const LOCAL_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The headers every webhook POST carries. */
export const WEBHOOK_HEADERS = {
  /** Unix seconds when this attempt was signed: a receiver refuses old ones (replays). */
  timestamp: 'X-Switchboard-Timestamp',
  /** The delivery's id: the same on every retry, so a receiver can ignore a repeat. */
  delivery: 'X-Switchboard-Delivery',
  /** `sha256=<hex>`: HMAC-SHA256 with WEBHOOK_SECRET over `${timestamp}.${body}`. */
  signature: 'X-Switchboard-Signature',
} as const;

/** How old a signed timestamp a receiver should still accept (our own check in tests uses it). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
/** How long one attempt waits for the receiver's answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/**
 * Seconds to wait after each failed attempt: after the 1st, 10 s; then 1 min, 5 min, 30 min. The
 * attempt after the last delay is the last (WEBHOOK_MAX_ATTEMPTS); wrangler.toml's max_retries
 * is one fewer, so the Queue never drops a message before the consumer has said it failed.
 */
export const WEBHOOK_BACKOFF_SECONDS: readonly number[] = [10, 60, 5 * 60, 30 * 60];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_BACKOFF_SECONDS.length + 1;

/** The delay before the next attempt, after `attempts` have failed (1 = the first). */
export function backoffSeconds(attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), WEBHOOK_BACKOFF_SECONDS.length) - 1;
  return WEBHOOK_BACKOFF_SECONDS[i]!;
}

/** What a webhook POSTs (JSON): the event, the run, the chat as it stood and who ran it. */
export interface WebhookPayload {
  deliveryId: string;
  runId: string;
  event: { id: string; name: string };
  /** When the event ran (ms since the epoch). */
  at: number;
  ranBy: { id: string; name: string };
  chat: {
    id: string;
    status: string;
    groupId: string;
    groupName: string;
    customer: { name: string; email: string };
    agent: { id: string; name: string } | null;
    fields: Record<string, string>;
  };
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`). */
export async function webhookSignature(secret: string, timestamp: number, body: string): Promise<string> {
  const bytes = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', bytes.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes.encode(`${timestamp}.${body}`)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A receiver's check, as docs/api.md describes it: the signature matches (compared in constant
 * time) and the timestamp is within WEBHOOK_TOLERANCE_SECONDS of `nowSeconds`.
 */
export async function verifyWebhook(secret: string, headers: { timestamp: string | null; signature: string | null }, body: string, nowSeconds: number): Promise<boolean> {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = await webhookSignature(secret, timestamp, body);
  const given = headers.signature ?? '';
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}
