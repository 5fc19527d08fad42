// What the page that opens the widget asks of it, read from the widget's own query string: the
// loader copies its script tag's data-* attributes there, and a live chat link is simply
// /widget.html?link=<slug>. Anyone can craft that URL, so every value is checked here. Pure.
import { isLanguageTag } from '../../objects/rules/language.ts';

export interface WidgetOptions {
  /** Inside the loader's iframe on another site (?embed=1), rather than a full page. */
  embedded: boolean;
  /** A group chosen by the site (?group=): the visitor is not asked. */
  groupId: string | null;
  /** A live chat link (?link=<slug>): its group and preset fields apply. */
  link: string | null;
  /** Prefills of the form (the site may know who is signed in). */
  name: string;
  email: string;
  /** Custom field values the site already knows (?fields=<JSON object>): not asked again. */
  fields: Record<string, string>;
  /** The visitor's language (?lang=), as the server accepts it. */
  language: string | null;
  /** The site's colour (?color=#rrggbb) for the header and main buttons. */
  color: string | null;
  /**
   * A signed identity from the site (?identity=, the loader's data-identity): the server checks its
   * signature; the widget only reads the email and name in it to fill the form, and shows the
   * customer's earlier conversations.
   */
  identity: string | null;
}

/** The longest id or slug taken from the query (the server's own limit). */
const MAX_ID_LENGTH = 64;
/** The longest prefilled name or email. */
const MAX_PREFILL_LENGTH = 254;
const COLOR_SHAPE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function readOptions(search: string): WidgetOptions {
  const query = new URLSearchParams(search);
  const text = (key: string, max: number) => {
    const value = (query.get(key) ?? '').trim();
    return value.length <= max ? value : '';
  };
  // The language subtag in lower case ("EN-gb" → "en-gb"), the region as given ("pt-BR").
  const language = text('lang', 20).replace(/^[a-z]+/i, (primary) => primary.toLowerCase());
  const options: WidgetOptions = {
    embedded: query.get('embed') === '1',
    groupId: text('group', MAX_ID_LENGTH) || null,
    link: text('link', MAX_ID_LENGTH) || null,
    name: text('name', MAX_PREFILL_LENGTH),
    email: text('email', MAX_PREFILL_LENGTH),
    fields: parseFields(query.get('fields')),
    language: isLanguageTag(language) ? language : null,
    color: normalizeColor(query.get('color')),
    identity: IDENTITY_SHAPE.test(query.get('identity') ?? '') ? query.get('identity') : null,
  };
  if (options.identity) {
    const claims = identityClaims(options.identity);
    if (claims.email) options.email = claims.email;
    if (claims.name) options.name = claims.name;
  }
  return options;
}

/** A signed identity's shape (worker/auth/signed-identity.ts): base64url payload, dot, hex signature. */
const IDENTITY_SHAPE = /^[A-Za-z0-9_-]{1,2000}\.[0-9a-f]{64}$/;

/** The email and name a signed identity names, read without checking it (the server checks). */
export function identityClaims(identity: string): { email: string | null; name: string | null } {
  try {
    const b64 = identity.slice(0, identity.indexOf('.')).replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '==='.slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
    const data: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof data !== 'object' || data === null) return { email: null, name: null };
    const { email, name } = data as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && v.length <= MAX_PREFILL_LENGTH ? v.trim() : null);
    return { email: text(email), name: text(name) };
  } catch {
    return { email: null, name: null };
  }
}

/** A JSON object of strings or numbers, as strings; anything else (bad JSON, nested values) is dropped. */
export function parseFields(json: string | null): Record<string, string> {
  if (json === null || json.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) fields[key] = String(value);
  }
  return fields;
}

/** `#abc` or `#aabbcc` as `#aabbcc` (lower case); anything else, which could inject CSS, is null. */
export function normalizeColor(value: string | null): string | null {
  const color = value?.trim() ?? '';
  if (!COLOR_SHAPE.test(color)) return null;
  const hex = color.slice(1).toLowerCase();
  return '#' + (hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex);
}

/** Relative luminance of an `#rrggbb` colour (WCAG 2.x). */
function luminance(color: string): number {
  const channel = (i: number) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with the colour, so any site colour stays readable. */
export function inkFor(color: string): '#000000' | '#ffffff' {
  const l = luminance(color);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
