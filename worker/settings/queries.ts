// Named queries over the deployment's settings (key → value): the idle thresholds of the lists'
// status colours.
import { inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { settings } from '../db/schema.ts';

/** The keys of the idle thresholds, in seconds. */
export const THRESHOLD_KEYS = ['idle_warning_seconds', 'idle_high_seconds'] as const;

export async function readThresholdSettings(db: D1Database): Promise<Record<string, string>> {
  const rows = await drizzle(db).select().from(settings).where(inArray(settings.key, [...THRESHOLD_KEYS]));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeThresholdSettings(db: D1Database, warningSeconds: number, highSeconds: number): Promise<void> {
  const orm = drizzle(db);
  const put = (key: string, value: string) =>
    orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
  await orm.batch([put('idle_warning_seconds', String(warningSeconds)), put('idle_high_seconds', String(highSeconds))]);
}
