// The deployment's settings an administrator changes in the console: the idle thresholds of the
// lists' status colours (chat objects read them again within 30 s) and whether agents may take a
// chat from a colleague (read at each take), and how many days completed chats are kept (the daily
// Cron Trigger deletes older ones: worker/customers/privacy.ts). Administrators only.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { thresholdsFrom } from '../../objects/chat/timers.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { MAX_RETENTION_DAYS } from '../../objects/rules/customers.ts';
import { readRetentionDays, writeRetentionDays } from '../customers/privacy.ts';
import { readColleaguesMayTake, readThresholdSettings, writeColleaguesMayTake, writeThresholdSettings } from './queries.ts';

/**
 * Idle thresholds for the list's status colours, in seconds (a day at most), and whether agents
 * may take chats from colleagues (left as it is when not given).
 */
const Settings = z.object({
  idleWarningSeconds: z.int().check(z.minimum(1), z.maximum(86_400)),
  idleHighSeconds: z.int().check(z.minimum(1), z.maximum(86_400)),
  agentsMayTakeFromColleagues: z.optional(z.boolean()),
  /** Completed chats are deleted this many days after they ended (null: kept). */
  retentionDays: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_RETENTION_DAYS)))),
});

/** `GET/PUT /api/admin/settings` answer. */
export interface SettingsResponse {
  settings: Required<z.infer<typeof Settings>>;
}

async function readSettings(db: D1Database): Promise<SettingsResponse['settings']> {
  const t = thresholdsFrom(await readThresholdSettings(db));
  return {
    idleWarningSeconds: t.idleWarningMs / 1000,
    idleHighSeconds: t.idleHighMs / 1000,
    agentsMayTakeFromColleagues: await readColleaguesMayTake(db),
    retentionDays: await readRetentionDays(db),
  };
}

/** Mounted by app.ts behind requireAdmin. */
export const settingsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ settings: await readSettings(c.env.DB) }))
  .put('/', async (c) => {
    const body = await readBody(c, Settings);
    if (body.idleHighSeconds < body.idleWarningSeconds) {
      throw new ApiError(400, 'invalid_body', 'The high-idle threshold cannot be below the idle warning.');
    }
    await writeThresholdSettings(c.env.DB, body.idleWarningSeconds, body.idleHighSeconds);
    if (body.agentsMayTakeFromColleagues !== undefined) await writeColleaguesMayTake(c.env.DB, body.agentsMayTakeFromColleagues);
    if (body.retentionDays !== undefined) await writeRetentionDays(c.env.DB, body.retentionDays);
    return c.json({ settings: await readSettings(c.env.DB) });
  });
