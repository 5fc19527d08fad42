// One chat as a client sees it, shared by the widget and the console: the event log (ordered and
// deduplicated by seq), the chat snapshot, and an outbox of messages the server has not echoed
// yet. It owns no socket: frames come in through `handle` and go out through `transmit`.
import { batch, signal } from '@preact/signals';
import type { ChatEvent, ChatSnapshot, ClientFrame, Person, ServerFrame } from '../../objects/protocol.ts';
import { NOTHING_SENT, type TypingSent, typingDecision, TYPING_SHOWN_MS } from './typing.ts';

/** A message this client wrote: shown as pending until an event with the same clientId arrives. */
export interface Outgoing {
  id: string;
  kind: 'send' | 'coach';
  text: string;
  /** Why the server refused it; a refused message is not resent until retried. */
  error: string | null;
}

/** What a client remembers of a chat between connections (or page loads). */
export interface ConversationSeed {
  events: ChatEvent[];
  lastSeq: number;
  outbox: Outgoing[];
}

export const EMPTY_SEED: ConversationSeed = { events: [], lastSeq: 0, outbox: [] };

/** What staff's client sends as its "draft" while they type: the server passes on only that they are. */
const STAFF_TYPING = '…';

/** What the caller should do after a frame: usually nothing, or reconnect from scratch. */
export type HandleResult = 'ok' | 'resync';

export type Conversation = ReturnType<typeof createConversation>;

export function createConversation(seed: ConversationSeed, transmit: (frame: ClientFrame) => boolean) {
  const events = signal<readonly ChatEvent[]>(orderBySeq(seed.events));
  const lastSeq = signal(Math.max(seed.lastSeq, ...seed.events.map((e) => e.seq)));
  const outbox = signal<readonly Outgoing[]>(seed.outbox);
  const chat = signal<ChatSnapshot | null>(null);
  const you = signal<Person | null>(null);
  /** True between `synced` and the loss of the connection: new messages may go out at once. */
  const synced = signal(false);
  /** While queued: 1 means next in line; null when not queued or not told yet. */
  const queuePosition = signal<number | null>(null);
  /** Staff only: who on staff has the chat open now (the server sends it to agents' sockets). */
  const viewers = signal<readonly Person[]>([]);
  /** The last error not tied to a message (e.g. a refused take), for the person to read. */
  const notice = signal<string | null>(null);
  /** Others typing now (never yourself): each shown until they stop, write, or TYPING_SHOWN_MS pass. */
  const typing = signal<readonly Person[]>([]);
  /** Staff only: the customer's unsent draft as it stands ('' = none). */
  const customerDraft = signal('');
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  let typingSent: TypingSent = NOTHING_SENT;
  let typingLater: ReturnType<typeof setTimeout> | undefined;
  let typingLatest = '';

  function heardTyping(from: Person, active: boolean): void {
    clearTimeout(typingTimers.get(from.id));
    typingTimers.delete(from.id);
    const others = typing.value.filter((p) => p.id !== from.id);
    if (active && from.id !== you.value?.id) {
      typing.value = [...others, from];
      typingTimers.set(from.id, setTimeout(() => heardTyping(from, false), TYPING_SHOWN_MS));
    } else if (others.length !== typing.value.length) {
      typing.value = others;
    }
  }

  function heardDraft(text: string): void {
    clearTimeout(draftTimer);
    customerDraft.value = text;
    if (text !== '') draftTimer = setTimeout(() => (customerDraft.value = ''), TYPING_SHOWN_MS);
  }

  function sendTyping(draft: string): void {
    clearTimeout(typingLater);
    typingLater = undefined;
    if (transmit({ type: 'typing', draft })) typingSent = { draft, at: Date.now() };
  }

  function addEvent(event: ChatEvent): void {
    const current = events.value;
    if (current.some((e) => e.seq === event.seq)) return; // a replay overlap: never show twice
    const last = current[current.length - 1];
    events.value = last === undefined || last.seq < event.seq ? [...current, event] : orderBySeq([...current, event]);
    if (event.seq > lastSeq.value) lastSeq.value = event.seq;
    if (event.kind === 'message') {
      // Whoever wrote has stopped typing that.
      if (typing.value.some((p) => p.id === event.from.id)) heardTyping(event.from, false);
      if (event.from.role === 'visitor' && customerDraft.value !== '') heardDraft('');
    }
    if (event.kind === 'message' || event.kind === 'coaching') {
      const echoed = event.clientId;
      if (outbox.value.some((m) => m.id === echoed)) outbox.value = outbox.value.filter((m) => m.id !== echoed);
    }
  }

  /**
   * `first`: this id has never been transmitted (the server then stores it without looking it up
   * among our earlier ids). Every later transmission, a resend after a reconnect or a retry, says
   * nothing, and the server acknowledges one it stored already instead of storing it twice.
   */
  function transmitMessage(message: Outgoing, first = false): void {
    transmit({ type: message.kind, id: message.id, text: message.text, ...(first ? { first } : {}) });
  }

  /** After a (re)connect has replayed what we missed, resend what is still unconfirmed. */
  function flush(): void {
    if (chat.value?.status === 'ended') {
      failPending('Not sent: the chat has ended.');
      return;
    }
    for (const message of outbox.value) if (message.error === null) transmitMessage(message);
  }

  function failPending(reason: string): void {
    if (outbox.value.some((m) => m.error === null)) {
      outbox.value = outbox.value.map((m) => (m.error === null ? { ...m, error: reason } : m));
    }
  }

  function handle(frame: ServerFrame): HandleResult {
    switch (frame.type) {
      case 'welcome': {
        let result: HandleResult = 'ok';
        batch(() => {
          synced.value = false;
          chat.value = frame.chat;
          you.value = frame.you;
          if (frame.chat.status !== 'queued') queuePosition.value = null;
          if (frame.lastSeq < lastSeq.value) {
            // Our copy claims events the chat never had (e.g. storage from another deployment):
            // forget it and replay the whole log.
            events.value = [];
            lastSeq.value = 0;
            result = 'resync';
          }
        });
        return result;
      }
      case 'event':
        addEvent(frame.event);
        return 'ok';
      case 'synced':
        batch(() => {
          if (frame.lastSeq > lastSeq.value) lastSeq.value = frame.lastSeq;
          synced.value = true;
          flush();
        });
        return 'ok';
      case 'chat':
        batch(() => {
          chat.value = frame.chat;
          if (frame.chat.status !== 'queued') queuePosition.value = null;
          if (frame.chat.status === 'ended') failPending('Not sent: the chat has ended.');
        });
        return 'ok';
      case 'ack':
        // Stored already: the event is in our log (or arrives in the replay), so stop resending.
        if (outbox.value.some((m) => m.id === frame.id)) outbox.value = outbox.value.filter((m) => m.id !== frame.id);
        return 'ok';
      case 'queue':
        queuePosition.value = frame.position;
        return 'ok';
      case 'viewers':
        viewers.value = frame.viewers;
        return 'ok';
      case 'typing':
        heardTyping(frame.from, frame.active);
        return 'ok';
      case 'draft':
        heardDraft(frame.text);
        return 'ok';
      case 'error': {
        const { id, message } = frame;
        if (id !== undefined && outbox.value.some((m) => m.id === id)) {
          outbox.value = outbox.value.map((m) => (m.id === id ? { ...m, error: message } : m));
        } else {
          notice.value = message;
        }
        return 'ok';
      }
      case 'pong':
        return 'ok';
      default: {
        const unhandled: never = frame;
        void unhandled;
        return 'ok';
      }
    }
  }

  return {
    events,
    lastSeq,
    outbox,
    chat,
    you,
    synced,
    notice,
    queuePosition,
    viewers,
    typing,
    customerDraft,
    handle,
    /**
     * The person's draft changed: tell the others, throttled (client/shared/typing.ts), the latest
     * draft always last. Nothing is sent while disconnected; the next change says it again.
     */
    typed(typedDraft: string): void {
      // Staff's words go to nobody: their client says only whether they are typing (a marker).
      const share = you.value?.role === 'agent' ? 'state' : 'draft';
      const draft = share === 'state' && typedDraft.trim() !== '' ? STAFF_TYPING : typedDraft;
      typingLatest = draft;
      if (!synced.value) return;
      const decision = typingDecision(typingSent, draft, Date.now(), share);
      if (decision.send === 'now') sendTyping(draft);
      else if (decision.send === 'later' && typingLater === undefined) {
        typingLater = setTimeout(() => {
          typingLater = undefined;
          if (typingLatest !== typingSent.draft && synced.value) sendTyping(typingLatest);
        }, decision.waitMs);
      }
    },
    /** Queues a message (or coaching line) and sends it now if the connection is ready. */
    write(kind: Outgoing['kind'], text: string): void {
      const message: Outgoing = { id: crypto.randomUUID(), kind, text, error: null };
      if (kind === 'send') {
        // The message itself tells the others that typing stopped: no frame, and none left to come.
        clearTimeout(typingLater);
        typingLater = undefined;
        typingLatest = '';
        typingSent = NOTHING_SENT;
      }
      outbox.value = [...outbox.value, message];
      if (synced.value) transmitMessage(message, true);
    },
    retry(id: string): void {
      const message = outbox.value.find((m) => m.id === id);
      if (message === undefined) return;
      const again = { ...message, error: null };
      outbox.value = outbox.value.map((m) => (m.id === id ? again : m));
      if (synced.value) transmitMessage(again);
    },
    discard(id: string): void {
      outbox.value = outbox.value.filter((m) => m.id !== id);
    },
    /** Sends a frame without a reply to track (take, end); false if not connected. */
    command(frame: ClientFrame): boolean {
      notice.value = null;
      return transmit(frame);
    },
    dismissNotice(): void {
      notice.value = null;
    },
    /** The connection dropped: hold new messages until the next `synced`. */
    disconnected(): void {
      synced.value = false;
      typingSent = NOTHING_SENT;
      for (const p of typing.value) heardTyping(p, false);
      heardDraft('');
    },
    /** What to keep to resume this conversation later with `after=<lastSeq>`. */
    seed(): ConversationSeed {
      return { events: [...events.value], lastSeq: lastSeq.value, outbox: [...outbox.value] };
    },
  };
}

function orderBySeq(events: readonly ChatEvent[]): ChatEvent[] {
  const bySeq = new Map<number, ChatEvent>();
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
