// Named queries over what administrators define for the customer's side: custom fields and live
// chat links.
import type { ChatLink } from './wire.ts';

export type { ChatLink } from './wire.ts';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { CustomField } from '../../objects/rules/fields.ts';
import { chatLinks, customFields } from '../db/schema.ts';


export async function listFields(db: D1Database): Promise<CustomField[]> {
  const { results } = await db
    .prepare('SELECT key, label, type, required, options FROM custom_fields ORDER BY position, key')
    .all<{ key: string; label: string; type: CustomField['type']; required: number; options: string }>();
  return results.map((r) => ({ ...r, required: r.required === 1, options: JSON.parse(r.options) as string[] }));
}

export async function findLink(db: D1Database, slug: string): Promise<ChatLink | undefined> {
  const row = await db
    .prepare('SELECT slug, name, group_id AS groupId, fields FROM chat_links WHERE slug = ?')
    .bind(slug)
    .first<{ slug: string; name: string; groupId: string; fields: string }>();
  return row ? { ...row, fields: JSON.parse(row.fields) as Record<string, string> } : undefined;
}

export async function listLinks(db: D1Database): Promise<ChatLink[]> {
  const { results } = await db
    .prepare('SELECT slug, name, group_id AS groupId, fields FROM chat_links ORDER BY name')
    .all<{ slug: string; name: string; groupId: string; fields: string }>();
  return results.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> }));
}

/** Creates a live chat link; false when the slug is taken. */
export async function createLink(db: D1Database, l: ChatLink & { now: number }): Promise<boolean> {
  const made = await drizzle(db)
    .insert(chatLinks)
    .values({ slug: l.slug, name: l.name, groupId: l.groupId, fields: JSON.stringify(l.fields), createdAt: l.now })
    .onConflictDoNothing()
    .returning({ slug: chatLinks.slug });
  return made.length > 0;
}

export async function deleteLink(db: D1Database, slug: string): Promise<boolean> {
  return (await drizzle(db).delete(chatLinks).where(eq(chatLinks.slug, slug)).returning({ slug: chatLinks.slug })).length > 0;
}

/** Creates a custom field at the end of the form; false when the key is taken. */
export async function createField(db: D1Database, f: CustomField): Promise<boolean> {
  const orm = drizzle(db);
  const last = sql`(SELECT COALESCE(MAX(${customFields.position}), 0) + 1 FROM ${customFields})`;
  const made = await orm
    .insert(customFields)
    .values({ key: f.key, label: f.label, type: f.type, required: f.required, options: JSON.stringify(f.options), position: last })
    .onConflictDoNothing()
    .returning({ key: customFields.key });
  return made.length > 0;
}

export async function deleteField(db: D1Database, key: string): Promise<boolean> {
  return (await drizzle(db).delete(customFields).where(eq(customFields.key, key)).returning({ key: customFields.key })).length > 0;
}
