// Each person's console preferences: which list columns show and how wide (the seed's Visible
// Fields). Kept in D1 so they follow the person to any browser.
import { readPreferences, writePreferences } from './queries.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { COLUMN_IDS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../objects/protocol.ts';
import { ApiError } from '../http/errors.ts';
import { readBody } from '../http/body.ts';

const Preferences = z.object({
  columns: z
    .array(
      z.object({
        id: z.enum(COLUMN_IDS),
        width: z.int().check(z.minimum(MIN_COLUMN_WIDTH), z.maximum(MAX_COLUMN_WIDTH)),
      }),
    )
    .check(z.maxLength(COLUMN_IDS.length)),
});
export type Preferences = z.infer<typeof Preferences>;

export const preferenceRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const stored = await readPreferences(c.env.DB, c.get('agent').id);
    let raw: unknown = null;
    try {
      raw = JSON.parse(stored);
    } catch {
      // A stored value that is not JSON counts as no preferences: the defaults apply.
    }
    const parsed = Preferences.safeParse(raw);
    return c.json({ preferences: parsed.success ? parsed.data : null });
  })
  .put('/', async (c) => {
    const preferences = await readBody(c, Preferences);
    const ids = preferences.columns.map((col) => col.id);
    if (new Set(ids).size !== ids.length) throw new ApiError(400, 'invalid_body', 'Each column may appear once.');
    await writePreferences(c.env.DB, c.get('agent').id, preferences);
    return c.json({ preferences });
  });
