// The deployment's settings an administrator changes in the console: the idle thresholds of the
// lists' status colours. Administrators only; chat objects read them again within 30 s.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { thresholdsFrom } from '../../objects/chat/timers.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { readThresholdSettings, writeThresholdSettings } from './queries.ts';

/** Idle thresholds for the list's status colours, in seconds (a day at most). */
const Settings = z.object({
  idleWarningSeconds: z.int().check(z.minimum(1), z.maximum(86_400)),
  idleHighSeconds: z.int().check(z.minimum(1), z.maximum(86_400)),
});

async function readSettings(db: D1Database): Promise<z.infer<typeof Settings>> {
  const t = thresholdsFrom(await readThresholdSettings(db));
  return { idleWarningSeconds: t.idleWarningMs / 1000, idleHighSeconds: t.idleHighMs / 1000 };
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
    return c.json({ settings: body });
  });
