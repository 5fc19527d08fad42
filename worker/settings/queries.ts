// Named queries over the deployment's settings (key → value): the idle thresholds of the lists'
// status colours, and whether agents may take chats from colleagues.
import { eq, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { settings } from '../db/schema.ts';

/** The keys of the idle thresholds, in seconds. */
export const THRESHOLD_KEYS = ['idle_warning_seconds', 'idle_high_seconds'] as const;

export async function readThresholdSettings(db: D1Database): Promise<Record<string, string>> {
  const rows = await drizzle(db).select().from(settings).where(inArray(settings.key, [...THRESHOLD_KEYS]));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Whether agents may take chats from colleagues (managers and administrators always may). */
export const COLLEAGUES_MAY_TAKE_KEY = 'agents_may_take_from_colleagues';

export async function readColleaguesMayTake(db: D1Database): Promise<boolean> {
  const rows = await drizzle(db).select().from(settings).where(eq(settings.key, COLLEAGUES_MAY_TAKE_KEY)).limit(1);
  return rows[0]?.value === 'true';
}

export async function writeColleaguesMayTake(db: D1Database, allowed: boolean): Promise<void> {
  await drizzle(db)
    .insert(settings)
    .values({ key: COLLEAGUES_MAY_TAKE_KEY, value: String(allowed) })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
}

export async function writeThresholdSettings(db: D1Database, warningSeconds: number, highSeconds: number): Promise<void> {
  const orm = drizzle(db);
  const put = (key: string, value: string) =>
    orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
  await orm.batch([put('idle_warning_seconds', String(warningSeconds)), put('idle_high_seconds', String(highSeconds))]);
}
