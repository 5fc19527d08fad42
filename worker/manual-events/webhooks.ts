// The WEBHOOKS queue's consumer (worker/index.ts hands it every batch): one signed POST per
// delivery and attempt, success on a 2xx answer. A failure is counted in the delivery's row and
// retried after the backoff its attempt number says (objects/rules/manual-events.ts); the last
// failure marks the delivery failed. Either final outcome is told to the chat's History, once.
// Queues deliver at least once: a delivery already settled is acknowledged and not sent again.
import type { WebhookResult } from '../../objects/chat/logic.ts';
import { backoffSeconds, WEBHOOK_HEADERS, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_TIMEOUT_MS, webhookSignature } from '../../objects/rules/manual-events.ts';
import { chatStub } from '../chats/actions.ts';
import { type Delivery, findDelivery, finishDelivery, noteAttempt } from './queries.ts';

/** Shown to receivers in their logs. */
const USER_AGENT = 'Switchboard-Webhooks/1';
/** The longest failure reason kept (a receiver's error page is not stored whole). */
const MAX_REASON = 300;
/** Delivery ids are UUIDs, far shorter than this. */
const MAX_ID_LENGTH = 64;

type Attempt = { ok: true; status: number } | { ok: false; reason: string };

export async function deliverWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // Each delivery on its own: one slow receiver does not hold the others back.
  await Promise.all(batch.messages.map((message) => deliverOne(env, message)));
}

async function deliverOne(env: Env, message: Message<unknown>): Promise<void> {
  const deliveryId = deliveryIdOf(message.body);
  const delivery = deliveryId === null ? undefined : await findDelivery(env.DB, deliveryId);
  // Not ours, gone with its chat, or settled by an earlier delivery of the same message.
  if (!delivery || delivery.status !== 'pending') return message.ack();
  const attempts = message.attempts;
  const attempt = await post(env, delivery);
  if (!attempt.ok && attempts < WEBHOOK_MAX_ATTEMPTS) {
    await noteAttempt(env.DB, delivery.id, attempts, attempt.reason);
    return message.retry({ delaySeconds: backoffSeconds(attempts) });
  }
  const settled = await finishDelivery(env.DB, delivery.id, {
    status: attempt.ok ? 'delivered' : 'failed',
    attempts,
    error: attempt.ok ? null : attempt.reason,
    now: Date.now(),
  });
  if (settled) await tellHistory(env, delivery, attempts, attempt);
  message.ack();
}

/** One signed POST: the same body and delivery id every time, a fresh timestamp and signature. */
async function post(env: Env, delivery: Delivery): Promise<Attempt> {
  const secret = env.WEBHOOK_SECRET;
  if (!secret) return { ok: false, reason: 'This deployment has no WEBHOOK_SECRET to sign webhooks with.' };
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.delivery]: delivery.id,
        [WEBHOOK_HEADERS.signature]: await webhookSignature(secret, timestamp, delivery.body),
      },
      body: delivery.body,
      // A redirect is a failure: the signed body goes only where the administrator said.
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, reason: `The receiver answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.` };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const why = timedOut ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `The receiver could not be reached: ${why}`.slice(0, MAX_REASON) };
  }
}

async function tellHistory(env: Env, delivery: Delivery, attempts: number, attempt: Attempt): Promise<void> {
  const base = { runId: delivery.runId, deliveryId: delivery.id, name: eventNameOf(delivery.body), url: delivery.url, attempts };
  const result: WebhookResult = attempt.ok ? { ok: true, ...base, status: attempt.status } : { ok: false, ...base, reason: attempt.reason };
  const told = await chatStub(env, delivery.chatId).noteWebhook(result);
  // A chat deleted meanwhile has no History to tell (and its deliveries go with it).
  if (!told.ok) console.warn(`webhook ${delivery.id}: not told to chat ${delivery.chatId}: ${told.message}`);
}

/** What a run put on the queue (wire.ts WebhookMessage); anything else is not ours. */
function deliveryIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('deliveryId' in body)) return null;
  const { deliveryId } = body;
  return typeof deliveryId === 'string' && deliveryId.length <= MAX_ID_LENGTH ? deliveryId : null;
}

/** The event's name as it was when it ran (the body says it; the event may be renamed or gone). */
function eventNameOf(body: string): string {
  try {
    const payload: unknown = JSON.parse(body);
    if (typeof payload === 'object' && payload !== null && 'event' in payload) {
      const { event } = payload;
      if (typeof event === 'object' && event !== null && 'name' in event && typeof event.name === 'string') return event.name;
    }
  } catch {
    // fall through: a body we wrote is JSON; say something all the same
  }
  return 'Manual event';
}
