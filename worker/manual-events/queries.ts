// Named queries over manual events (their groups in manual_event_groups; a group deleted since
// simply drops out, by the join) and their webhook deliveries. D1 has no interactive
// transactions: an event and its groups are written in one batch.
import type { ManualEvent } from './wire.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { ManualEventSchema, type ManualAction, type ManualEventInput } from '../../objects/rules/manual-events.ts';
import { agents, groups, manualEventGroups, manualEvents, memberships, webhookDeliveries } from '../db/schema.ts';

type EventRow = typeof manualEvents.$inferSelect;

/** Stored actions are read back through the same schema they were saved with; a row that no longer fits offers none. */
function actionsOf(json: string): ManualAction[] {
  const parsed = ManualEventSchema.shape.actions.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

function toEvent(row: EventRow, groupIds: string[]): ManualEvent {
  return { id: row.id, name: row.name, groupIds, actions: actionsOf(row.actions), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** Each event's groups that still exist, by event id. */
async function groupsByEvent(db: D1Database, eventIds: string[]): Promise<Map<string, string[]>> {
  const byEvent = new Map<string, string[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await drizzle(db)
    .select({ eventId: manualEventGroups.eventId, groupId: manualEventGroups.groupId })
    .from(manualEventGroups)
    .innerJoin(groups, eq(groups.id, manualEventGroups.groupId))
    .where(inArray(manualEventGroups.eventId, eventIds))
    .orderBy(asc(groups.name));
  for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r.groupId]);
  return byEvent;
}

export async function listEvents(db: D1Database): Promise<ManualEvent[]> {
  const rows = await drizzle(db).select().from(manualEvents).orderBy(asc(manualEvents.name));
  const byEvent = await groupsByEvent(db, rows.map((r) => r.id));
  return rows.map((r) => toEvent(r, byEvent.get(r.id) ?? []));
}

export async function findEvent(db: D1Database, id: string): Promise<ManualEvent | undefined> {
  const rows = await drizzle(db).select().from(manualEvents).where(eq(manualEvents.id, id)).limit(1);
  if (!rows[0]) return undefined;
  return toEvent(rows[0], (await groupsByEvent(db, [id])).get(id) ?? []);
}

/**
 * The events an agent may run somewhere: those usable by at least one of their groups, each
 * with those of its groups that are the agent's (the menus need no more).
 */
export async function eventsForAgent(db: D1Database, agentId: string): Promise<ManualEvent[]> {
  const rows = await drizzle(db)
    .select({ event: manualEvents, groupId: manualEventGroups.groupId })
    .from(manualEvents)
    .innerJoin(manualEventGroups, eq(manualEventGroups.eventId, manualEvents.id))
    .innerJoin(memberships, and(eq(memberships.groupId, manualEventGroups.groupId), eq(memberships.agentId, agentId)))
    .innerJoin(groups, eq(groups.id, manualEventGroups.groupId))
    .orderBy(asc(manualEvents.name));
  const events = new Map<string, ManualEvent>();
  for (const { event, groupId } of rows) {
    const known = events.get(event.id);
    if (known) known.groupIds.push(groupId);
    else events.set(event.id, toEvent(event, [groupId]));
  }
  return [...events.values()];
}

/** Whether the event may be used on chats of this group (read at the moment of the run). */
export async function eventUsableIn(db: D1Database, eventId: string, groupId: string): Promise<boolean> {
  const rows = await drizzle(db)
    .select({ n: sql<number>`1` })
    .from(manualEventGroups)
    .where(and(eq(manualEventGroups.eventId, eventId), eq(manualEventGroups.groupId, groupId)))
    .limit(1);
  return rows.length > 0;
}

/** An enabled agent, for a transfer action that names one (whether they are in a chat's group is checked at the run). */
export async function agentExists(db: D1Database, agentId: string): Promise<boolean> {
  const rows = await drizzle(db).select({ id: agents.id }).from(agents).where(and(eq(agents.id, agentId), eq(agents.disabled, false))).limit(1);
  return rows.length > 0;
}

function groupRows(eventId: string, groupIds: readonly string[]) {
  return groupIds.map((groupId) => ({ eventId, groupId }));
}

/** Creates an event with its groups; false when the name is taken. */
export async function createEvent(db: D1Database, id: string, e: ManualEventInput, now: number): Promise<boolean> {
  const orm = drizzle(db);
  try {
    await orm.batch([
      orm.insert(manualEvents).values({ id, name: e.name, actions: JSON.stringify(e.actions), createdAt: now, updatedAt: now }),
      orm.insert(manualEventGroups).values(groupRows(id, e.groupIds)),
    ]);
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Replaces an event's name, groups and actions; 'missing' or 'name_taken' when it cannot. */
export async function updateEvent(db: D1Database, id: string, e: ManualEventInput, now: number): Promise<'updated' | 'missing' | 'name_taken'> {
  const orm = drizzle(db);
  try {
    const [updated] = await orm.batch([
      orm
        .update(manualEvents)
        .set({ name: e.name, actions: JSON.stringify(e.actions), updatedAt: now })
        .where(eq(manualEvents.id, id))
        .returning({ id: manualEvents.id }),
      // Groups are replaced only for an event that exists (the sub-select is empty otherwise).
      orm.delete(manualEventGroups).where(eq(manualEventGroups.eventId, id)),
      orm.insert(manualEventGroups).select(
        orm
          .select({ eventId: manualEvents.id, groupId: groups.id })
          .from(manualEvents)
          .innerJoin(groups, inArray(groups.id, e.groupIds))
          .where(eq(manualEvents.id, id)),
      ),
    ]);
    return updated.length > 0 ? 'updated' : 'missing';
  } catch (err) {
    if (isUniqueViolation(err)) return 'name_taken';
    throw err;
  }
}

export async function deleteEvent(db: D1Database, id: string): Promise<boolean> {
  const orm = drizzle(db);
  const [deleted] = await orm.batch([
    orm.delete(manualEvents).where(eq(manualEvents.id, id)).returning({ id: manualEvents.id }),
    orm.delete(manualEventGroups).where(eq(manualEventGroups.eventId, id)),
  ]);
  return deleted.length > 0;
}

function isUniqueViolation(err: unknown): boolean {
  const text = `${err instanceof Error ? err.message : ''} ${err instanceof Error && err.cause instanceof Error ? err.cause.message : ''}`;
  return /UNIQUE constraint failed/i.test(text);
}

// ---- webhook deliveries --------------------------------------------------------------------

export type Delivery = typeof webhookDeliveries.$inferSelect;

export async function insertDelivery(db: D1Database, d: { id: string; eventId: string; runId: string; chatId: string; url: string; body: string; now: number }): Promise<void> {
  await drizzle(db)
    .insert(webhookDeliveries)
    .values({ id: d.id, eventId: d.eventId, runId: d.runId, chatId: d.chatId, url: d.url, body: d.body, createdAt: d.now });
}

export async function findDelivery(db: D1Database, id: string): Promise<Delivery | undefined> {
  const rows = await drizzle(db).select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return rows[0];
}

/** A failed attempt that will be tried again: counted, with why. */
export async function noteAttempt(db: D1Database, id: string, attempts: number, error: string): Promise<void> {
  await drizzle(db).update(webhookDeliveries).set({ attempts, lastError: error }).where(eq(webhookDeliveries.id, id));
}

/**
 * The delivery's final outcome, written only while it is still pending: false when another
 * attempt (a repeated Queue delivery) settled it first, so History hears of it once.
 */
export async function finishDelivery(db: D1Database, id: string, outcome: { status: 'delivered' | 'failed'; attempts: number; error: string | null; now: number }): Promise<boolean> {
  const rows = await drizzle(db)
    .update(webhookDeliveries)
    .set({ status: outcome.status, attempts: outcome.attempts, lastError: outcome.error, finishedAt: outcome.now })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
