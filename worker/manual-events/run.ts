// Running a manual event on one chat: its actions in order, each through the same door the
// toolbar uses (the chat object's comment, setFields, transfer, setFollowUp and end; mail through
// send_email; a webhook queued on WEBHOOKS), each outcome collected. A failed action undoes
// nothing before it, and the ones after it still run: each says for itself whether it could
// (an end after a refused transfer is still an end). The run is then written to the chat's
// History. Who may run the event on the chat was decided by the caller (routes.ts), just before.
import type { ManualEvent, ManualEventRun, WebhookMessage } from './wire.ts';
import type { ChatListRow, ChatSnapshot, ManualEventOutcome } from '../../objects/protocol.ts';
import { MAX_FOLLOW_UP_AHEAD_MS } from '../../objects/chat/logic.ts';
import type { CommandResult } from '../../objects/chat/room.ts';
import { checkFields } from '../../objects/rules/fields.ts';
import { fillTemplate, type ManualAction, type TemplateValues, type WebhookPayload } from '../../objects/rules/manual-events.ts';
import type { SessionAgent } from '../http/app-env.ts';
import { ApiError } from '../http/errors.ts';
import { listFields } from '../content/queries.ts';
import { callerOf, chatStub, resolveTarget } from '../chats/actions.ts';
import { finishDelivery, insertDelivery } from './queries.ts';

/** Said when something unexpected stops one action (the others still run; details go to the log). */
const UNEXPECTED = 'Something went wrong on our side.';

/** Everything an action needs: the chat as it stands now (each action's result updates it). */
interface RunContext {
  env: Env;
  agent: SessionAgent;
  event: ManualEvent;
  runId: string;
  row: ChatListRow;
  chat: ChatSnapshot;
}

export async function runManualEvent(env: Env, agent: SessionAgent, row: ChatListRow, event: ManualEvent): Promise<ManualEventRun> {
  const stub = chatStub(env, row.id);
  const chat = await stub.getSnapshot();
  if (!chat) throw new ApiError(404, 'not_found', 'No such chat.');
  const ctx: RunContext = { env, agent, event, runId: crypto.randomUUID(), row, chat };
  const outcomes: ManualEventOutcome[] = [];
  for (const action of event.actions) {
    let outcome: ManualEventOutcome;
    try {
      outcome = await perform(ctx, action);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(`manual event ${event.id}: ${action.type} failed`, err);
      outcome = { action: action.type, ok: false, detail: err instanceof ApiError ? err.message : UNEXPECTED };
    }
    outcomes.push(outcome);
  }
  const run = { runId: ctx.runId, eventId: event.id, name: event.name, outcomes };
  const recorded = await stub.recordManualEvent(callerOf(agent), run);
  if (!recorded.ok) console.error(`manual event ${event.id}: the run was not written to the History of ${row.id}: ${recorded.message}`);
  return { ...run, chatId: row.id };
}

async function perform(ctx: RunContext, action: ManualAction): Promise<ManualEventOutcome> {
  const done = (detail: string): ManualEventOutcome => ({ action: action.type, ok: true, detail });
  const failed = (detail: string): ManualEventOutcome => ({ action: action.type, ok: false, detail });
  const stub = chatStub(ctx.env, ctx.row.id);
  const caller = callerOf(ctx.agent);
  /** A chat command's answer: the chat as it now is, or the object's refusal as the outcome. */
  const settle = (result: CommandResult, detail: string): ManualEventOutcome => {
    if (!result.ok) return failed(result.message);
    if (result.chat) ctx.chat = result.chat;
    return done(detail);
  };
  switch (action.type) {
    case 'add-comment': {
      const text = fill(ctx, action.text);
      const result = await stub.comment(caller, { kind: action.kind, text, dueAt: null });
      return result.ok ? done(`Added a ${action.kind} comment: ${text}`) : failed(result.message);
    }
    case 'set-field': {
      // The fields route's rules, read now: the field may have been removed or changed since.
      const defs = await listFields(ctx.env.DB);
      const def = defs.find((d) => d.key === action.key);
      if (!def) return failed(`No custom field "${action.key}" is defined any more.`);
      const checked = checkFields([def], { [action.key]: fill(ctx, action.value) });
      if (!checked.ok) return failed(checked.message);
      const value = checked.values[action.key] ?? '';
      return settle(await stub.setFields(caller, { [action.key]: value }), `Set ${def.label} to “${value || '(empty)'}”.`);
    }
    case 'transfer': {
      const to = await resolveTarget(ctx.env, action.to, ctx.chat.groupId);
      const where = to.kind === 'group' ? `the ${to.groupName} queue` : to.agent.name;
      return settle(await stub.transfer(caller, to), `Transferred to ${where}.`);
    }
    case 'follow-up': {
      const at = Date.now() + action.inMinutes * 60_000;
      if (at > Date.now() + MAX_FOLLOW_UP_AHEAD_MS) return failed('A follow-up can be at most a year ahead.');
      const when = new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
      const comment = fill(ctx, action.comment).trim();
      if (comment === '') return settle(await stub.setFollowUp(caller, at), `Follow-up scheduled for ${when}.`);
      // A Follow-Up comment schedules the follow-up too (the chat object does both at once).
      const result = await stub.comment(caller, { kind: 'follow-up', text: comment, dueAt: at });
      return result.ok ? done(`Follow-up scheduled for ${when}, with a comment: ${comment}`) : failed(result.message);
    }
    case 'end-chat':
      return settle(await stub.end(caller), 'Ended the chat.');
    case 'send-email':
      return sendEmail(ctx, action, done, failed);
    case 'webhook':
      return queueWebhook(ctx, action.url, done, failed);
  }
}

type Say = (detail: string) => ManualEventOutcome;

async function sendEmail(ctx: RunContext, action: Extract<ManualAction, { type: 'send-email' }>, done: Say, failed: Say): Promise<ManualEventOutcome> {
  const to = action.to.trim() === 'customer' ? ctx.row.visitorEmail.trim() : action.to.trim();
  if (to === '') return failed('The customer gave no email address.');
  const subject = fill(ctx, action.subject);
  try {
    const sent = await ctx.env.EMAIL.send({
      from: { email: ctx.env.SENDER_EMAIL, name: 'Switchboard' },
      to,
      subject,
      text: fill(ctx, action.body),
    });
    return done(`Sent “${subject}” to ${to} (message ${sent.messageId}).`);
  } catch (err) {
    // The binding refuses (say, an address the deployment may not send to) with its own reason.
    return failed(`The email to ${to} was not sent: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Stores the delivery (its body signed at each attempt) and hands it to the Queue consumer (webhooks.ts). */
async function queueWebhook(ctx: RunContext, url: string, done: Say, failed: Say): Promise<ManualEventOutcome> {
  if (!ctx.env.WEBHOOK_SECRET) return failed('Webhooks are not set up: this deployment has no WEBHOOK_SECRET to sign them with, so nothing was sent.');
  const deliveryId = crypto.randomUUID();
  const { chat, row, agent, event } = ctx;
  const payload: WebhookPayload = {
    deliveryId,
    runId: ctx.runId,
    event: { id: event.id, name: event.name },
    at: Date.now(),
    ranBy: { id: agent.id, name: agent.name },
    chat: {
      id: chat.id,
      status: chat.status,
      groupId: chat.groupId,
      groupName: chat.groupName,
      customer: { name: chat.visitor.name, email: row.visitorEmail },
      agent: chat.agent ? { id: chat.agent.id, name: chat.agent.name } : null,
      fields: chat.fields,
    },
  };
  await insertDelivery(ctx.env.DB, { id: deliveryId, eventId: event.id, runId: ctx.runId, chatId: chat.id, url, body: JSON.stringify(payload), now: Date.now() });
  try {
    await ctx.env.WEBHOOKS.send({ deliveryId } satisfies WebhookMessage);
  } catch (err) {
    console.error(`webhook ${deliveryId} could not be queued`, err);
    await finishDelivery(ctx.env.DB, deliveryId, { status: 'failed', attempts: 0, error: 'not queued', now: Date.now() });
    return failed(`The POST to ${url} could not be queued; nothing was sent. Run the event again.`);
  }
  return done(`Queued a POST to ${url} (delivery ${deliveryId}); History says when it is delivered.`);
}

function fill(ctx: RunContext, template: string): string {
  const values: TemplateValues = {
    customer: { name: ctx.chat.visitor.name, email: ctx.row.visitorEmail },
    agent: { name: ctx.agent.name },
    group: { name: ctx.chat.groupName },
    chat: { id: ctx.chat.id },
    fields: ctx.chat.fields,
  };
  return fillTemplate(template, values);
}
