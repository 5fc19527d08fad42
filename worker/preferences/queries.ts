// Named queries over a person's console preferences (kept as JSON on their agent row).
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { agents } from '../db/schema.ts';

/** The stored preferences as JSON text ('{}' when none). */
export async function readPreferences(db: D1Database, agentId: string): Promise<string> {
  const rows = await drizzle(db).select({ preferences: agents.preferences }).from(agents).where(eq(agents.id, agentId)).limit(1);
  return rows[0]?.preferences ?? '{}';
}

export async function writePreferences(db: D1Database, agentId: string, preferences: unknown): Promise<void> {
  await drizzle(db).update(agents).set({ preferences: JSON.stringify(preferences) }).where(eq(agents.id, agentId));
}
