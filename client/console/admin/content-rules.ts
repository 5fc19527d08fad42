// The checks and readings of the Administration page's content sections (knowledge base, chat
// links, custom fields): they spare a round trip for an obvious mistake and turn the forms' text
// areas into the server's shapes. The server checks everything again. Pure, so Node and Deno test it.
import type { CustomFieldType, KbArticle } from '../../shared/api.ts';

/** What the server accepts as a link's slug or a field's key (worker/routes/admin-content.ts). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function checkSlug(value: string, what: string): string | null {
  const v = value.trim();
  if (v === '') return `Enter ${what}.`;
  if (!SLUG_PATTERN.test(v)) return `${what[0]?.toUpperCase()}${what.slice(1)} may use lower-case letters, digits and dashes (not first), up to 63.`;
  return null;
}

/** Non-empty trimmed lines of a text area. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** "key=value" lines as preset fields; the first bad line is named. */
export function parsePresets(text: string): { ok: true; fields: Record<string, string> } | { ok: false; message: string } {
  const fields: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf('=');
    const key = at < 0 ? '' : line.slice(0, at).trim();
    if (at <= 0 || key === '') return { ok: false, message: `"${line}" is not key=value.` };
    fields[key] = line.slice(at + 1).trim();
  }
  return { ok: true, fields };
}

/** Preset fields as the form's text (for showing them in the table). */
export function presetText(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** The address a customer opens for a chat link. */
export function linkAddress(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, '')}/chat/${encodeURIComponent(slug)}`;
}

export interface NewFieldForm {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string;
}

export function checkNewField(form: NewFieldForm): { key?: string; label?: string; options?: string } {
  const problems: { key?: string; label?: string; options?: string } = {};
  const key = checkSlug(form.key, 'a key');
  if (key) problems.key = key;
  if (form.label.trim() === '') problems.label = 'Enter a label.';
  if (form.type === 'select' && lines(form.options).length === 0) problems.options = 'A select field needs at least one option.';
  return problems;
}

export function checkArticle(title: string, body: string): { title?: string; body?: string } {
  const problems: { title?: string; body?: string } = {};
  if (title.trim() === '') problems.title = 'Enter a title.';
  else if (title.trim().length > 200) problems.title = 'A title has at most 200 characters.';
  if (body.trim() === '') problems.body = 'Enter the article.';
  return problems;
}

export const ARTICLE_STATUS_LABELS: Record<KbArticle['status'], string> = { draft: 'Draft', published: 'Published' };
