// Each person's console preferences: which list columns show and how wide (the seed's Visible
// Fields), whether new chats open in a pop-out, and how they are told of new, transferred and
// taken chats and follow-ups (the seed's My Preferences). Kept in D1 so they follow the person
// to any browser; a PUT changes only the sections it names.
import { readPreferences, writePreferences } from './queries.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { COLUMN_IDS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../objects/protocol.ts';
import { ApiError } from '../http/errors.ts';
import { readBody } from '../http/body.ts';
import { LATER_NOTIFY_EVENTS, MAX_LIST_SHARE, MIN_LIST_SHARE, NOTIFY_EVENTS, type NotifyEvent } from '../../objects/rules/preferences.ts';
import type { Preferences as PreferencesWire, PreferencesResponse } from './wire.ts';

const Channels = z.object({ sound: z.boolean(), desktop: z.boolean(), inPage: z.boolean() });
const Preferences = z.strictObject({
  columns: z.optional(
    z
      .array(
        z.object({
          id: z.enum(COLUMN_IDS),
          width: z.int().check(z.minimum(MIN_COLUMN_WIDTH), z.maximum(MAX_COLUMN_WIDTH)),
        }),
      )
      .check(z.minLength(1), z.maxLength(COLUMN_IDS.length)),
  ),
  popoutNewChats: z.optional(z.boolean()),
  listShare: z.optional(z.nullable(z.int().check(z.minimum(MIN_LIST_SHARE), z.maximum(MAX_LIST_SHARE)))),
  // Every event is named, but for those added later (older saved choices lack them).
  notifications: z.optional(
    z.object(
      Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, LATER_NOTIFY_EVENTS.includes(e) ? z.optional(Channels) : Channels])) as Record<NotifyEvent, z.ZodMiniOptional<typeof Channels>>,
    ),
  ),
});

/** What is stored, section by section: a section that no longer parses is dropped (its defaults apply). */
function parseStored(stored: string): PreferencesWire {
  let raw: unknown = null;
  try {
    raw = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const out: PreferencesWire = {};
  for (const [key, value] of Object.entries(raw)) {
    const one = Preferences.safeParse({ [key]: value });
    if (one.success) Object.assign(out, one.data);
  }
  return out;
}

export const preferenceRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => c.json({ preferences: parseStored(await readPreferences(c.env.DB, c.get('agent').id)) } satisfies PreferencesResponse))
  .put('/', async (c) => {
    const change = await readBody<PreferencesWire>(c, Preferences);
    if (Object.keys(change).length === 0) throw new ApiError(400, 'invalid_body', 'Name at least one of columns, listShare, popoutNewChats, notifications.');
    const ids = change.columns?.map((col) => col.id) ?? [];
    if (new Set(ids).size !== ids.length) throw new ApiError(400, 'invalid_body', 'Each column may appear once.', 'columns');
    const agentId = c.get('agent').id;
    // Read and written back whole: two tabs saving different sections at once may lose one (rare;
    // each person edits their own preferences).
    const preferences = { ...parseStored(await readPreferences(c.env.DB, agentId)), ...change };
    await writePreferences(c.env.DB, agentId, preferences);
    return c.json({ preferences } satisfies PreferencesResponse);
  });
