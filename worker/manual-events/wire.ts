// The bodies of the manual-event routes, defined once: the routes check what they send with
// `satisfies`, the console imports these types. What an event is made of is the pure rules'
// (objects/rules/manual-events.ts); what a run did is the protocol's (ManualEventOutcome).
import type { ManualEventOutcome } from '../../objects/protocol.ts';
import type { ManualAction, ManualEventInput } from '../../objects/rules/manual-events.ts';

export type { ManualAction, ManualEventInput as ManualEventBody } from '../../objects/rules/manual-events.ts';

/** An event as the Administration page shows it. */
export interface ManualEvent extends ManualEventInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface ManualEventsResponse {
  events: ManualEvent[];
}

/** An event as an agent's menus offer it: its name, its actions' kinds, and the groups (of theirs) that may use it. */
export interface RunnableEvent {
  id: string;
  name: string;
  groupIds: string[];
  actions: ManualAction['type'][];
}

export interface RunnableEventsResponse {
  events: RunnableEvent[];
}

/** What one run did on one chat: each action's outcome, in order (also in the chat's History). */
export interface ManualEventRun {
  runId: string;
  eventId: string;
  name: string;
  chatId: string;
  outcomes: ManualEventOutcome[];
}

export interface RunResponse {
  run: ManualEventRun;
}

export interface BulkRunBody {
  chatIds: string[];
}

/** One answer per selected chat, in the order asked: the run, or why it could not start there. */
export interface BulkRunResponse {
  results: ({ chatId: string; ok: true; run: ManualEventRun } | { chatId: string; ok: false; code: string; message: string })[];
}

/** The message a run puts on the WEBHOOKS queue: the delivery's row holds the address and body. */
export interface WebhookMessage {
  deliveryId: string;
}
