// The little language of variables that canned replies and manual events' texts may hold
// (`{{customer.first_name|there}}`): one list of variables, one parser, one filler, so a reply
// and an event's email mean the same thing by the same words. Checked when the text is saved
// (an unknown variable, or a `{{` left open, is refused with a message that names it), filled when
// it is used. Pure: it does not know where a chat's names come from (the caller gathers them).

/** The variables a text may name, each with what it is filled with. `field.<key>` is any custom field. */
export const VARIABLES = {
  'customer.name': "The customer's name as they gave it",
  'customer.first_name': "The first word of the customer's name",
  'customer.email': "The customer's email address",
  'agent.name': 'The name of whoever uses it (inserts the reply, runs the event)',
  'agent.first_name': 'The first word of that name',
  'group.name': "The chat's group",
  'chat.id': "The chat's id",
} as const;
export type VariableName = keyof typeof VARIABLES;
/** `{{field.order-number}}`: a chat's custom field, by the key an administrator gave it. */
export const FIELD_PREFIX = 'field.';
/** A custom field's key (worker/content/routes.ts defines fields with keys of this shape). */
export const FIELD_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** `{{ name | fallback }}`: anything but braces and line breaks inside. */
const TOKEN = /\{\{([^{}\r\n]*)\}\}/g;
/** How much of an unclosed `{{…` (or a stray `}}`) the refusal quotes. */
const QUOTED = 24;

export type TemplatePiece =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: VariableName; fallback: string | null }
  | { kind: 'field'; key: string; fallback: string | null };

export interface ParsedTemplate {
  pieces: TemplatePiece[];
  /** Each `{{…}}` that names no variable (or an undefined custom field), as written, once each. */
  unknown: string[];
  /** A `{{` with no `}}` after it on its line, or a `}}` that closes nothing, as written from there (cut short). */
  unclosed: string | null;
}

function isVariable(name: string): name is VariableName {
  return Object.hasOwn(VARIABLES, name);
}

/**
 * Splits a text into plain text and variables. A field variable is known when its key is among
 * `fieldKeys` (the custom fields defined now); pass null to accept any well-formed key (filling a
 * text saved before a field was removed: its fallback then stands in).
 */
export function parseTemplate(body: string, fieldKeys: readonly string[] | null): ParsedTemplate {
  const pieces: TemplatePiece[] = [];
  const unknown: string[] = [];
  let unclosed: string | null = null;
  let at = 0;
  const text = (t: string, plain = true) => {
    if (plain && unclosed === null) {
      const open = t.indexOf('{{');
      const close = t.indexOf('}}');
      const first = open < 0 ? close : close < 0 ? open : Math.min(open, close);
      if (first >= 0) unclosed = t.slice(first, first + QUOTED).split(/\r?\n/)[0]!;
    }
    if (t !== '') pieces.push({ kind: 'text', text: t });
  };
  for (const match of body.matchAll(TOKEN)) {
    text(body.slice(at, match.index));
    at = match.index + match[0].length;
    const inside = match[1]!;
    const bar = inside.indexOf('|');
    const name = (bar < 0 ? inside : inside.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inside.slice(bar + 1).trim();
    const key = name.startsWith(FIELD_PREFIX) ? name.slice(FIELD_PREFIX.length) : null;
    if (isVariable(name)) {
      pieces.push({ kind: 'variable', name, fallback });
    } else if (key !== null && FIELD_KEY.test(key) && (fieldKeys === null || fieldKeys.includes(key))) {
      pieces.push({ kind: 'field', key, fallback });
    } else {
      if (!unknown.includes(match[0])) unknown.push(match[0]);
      text(match[0], false);
    }
  }
  text(body.slice(at));
  return { pieces, unknown, unclosed };
}

export type TemplateCheck = { ok: true } | { ok: false; unknown: string[]; message: string };

/** What a text may be saved with: every variable known, every `{{` closed. The message names what is not. */
export function checkTemplate(body: string, fieldKeys: readonly string[]): TemplateCheck {
  const { unknown, unclosed } = parseTemplate(body, fieldKeys);
  if (unknown.length === 0 && unclosed === null) return { ok: true };
  const known = [...Object.keys(VARIABLES).map((v) => `{{${v}}}`), '{{field.<key>}}'].join(', ');
  const fields = fieldKeys.length > 0 ? `the custom fields defined are ${fieldKeys.join(', ')}` : 'no custom fields are defined';
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`Unknown variable${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.`);
  if (unclosed !== null) parts.push(`"${unclosed}" is not part of a variable (a variable is {{name}}, and a fallback holds no braces).`);
  const all = unclosed === null ? unknown : [...unknown, unclosed];
  return { ok: false, unknown: all, message: `${parts.join(' ')} Use ${known} (${fields}), each with an optional fallback: {{customer.first_name|there}}.` };
}

/** What the variables stand for on one chat at one moment. */
export interface TemplateValues {
  customer: { name: string; email: string };
  agent: { name: string };
  group: { name: string };
  chat: { id: string };
  /** The chat's custom fields as they stand. */
  fields: Readonly<Record<string, string>>;
}

/** "Ann-Marie O'Neil" → "Ann-Marie"; '' stays ''. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

function valueOf(name: VariableName, v: TemplateValues): string {
  switch (name) {
    case 'customer.name':
      return v.customer.name.trim();
    case 'customer.first_name':
      return firstName(v.customer.name);
    case 'customer.email':
      return v.customer.email.trim();
    case 'agent.name':
      return v.agent.name.trim();
    case 'agent.first_name':
      return firstName(v.agent.name);
    case 'group.name':
      return v.group.name.trim();
    case 'chat.id':
      return v.chat.id;
  }
}

/**
 * The text with each variable filled: its value, or its fallback where the value is empty, or
 * nothing where there is neither. What is not a variable (it could not be saved) stays as written.
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return parseTemplate(body, null)
    .pieces.map((p) => {
      if (p.kind === 'text') return p.text;
      // Own keys only: a field named like an Object method ("constructor") is a field, not a method.
      const value = p.kind === 'variable' ? valueOf(p.name, values) : Object.hasOwn(values.fields, p.key) ? (values.fields[p.key] ?? '').trim() : '';
      return value !== '' ? value : (p.fallback ?? '');
    })
    .join('');
}
