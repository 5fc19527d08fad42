// What a chat object sends its sockets during a burst of events, sent together: a socket's first
// frame of a burst leaves at once (unless it is held for the burst's end, see `hold`), and what
// follows it before the burst ends goes out as one WebSocket message. Messages that arrive
// together (a busy chat, a sender's window of unacknowledged messages) would otherwise each cost
// a send to every socket, and a send costs the object about as much as storing the message
// (bench/profile.ts). The author's own copies wait for the burst's end (`postAuthorLast`).
// Several frames go out as one JSON array of frames (`[{…},{…}]`, docs/api.md); a single frame as
// itself. The burst ends when the runtime has handled the events already waiting (a zero-delay
// timer): nothing waits on a clock, and a frame held here is held by the output gate until its
// storage write is durable anyway.
import { encodeFrames } from './protocol.ts';

/** A batch never grows past this many bytes of frames: it is sent, and a new one begun. */
export const MAX_BATCH_BYTES = 64 * 1024;

interface Batch {
  frames: string[];
  bytes: number;
}

export class Outbox {
  /** The sockets in the current burst, each with what waits for its end (often nothing). */
  readonly #burst = new Map<WebSocket, Batch>();
  #scheduled = false;
  /** Whether a socket's client reads several frames in one message; one that does not gets them one by one. */
  readonly #batches: (ws: WebSocket) => boolean;

  constructor(batches: (ws: WebSocket) => boolean = () => true) {
    this.#batches = batches;
  }

  /** Sends a frame (JSON text) to the socket now, or after what is already waiting for it. */
  post(ws: WebSocket, json: string): void {
    const batch = this.#burst.get(ws);
    if (batch) return this.#add(ws, batch, json);
    this.#burst.set(ws, { frames: [], bytes: 0 });
    this.#endBurstSoon();
    this.#deliver(ws, [json]);
  }

  /**
   * Sends a frame at the burst's end, even one that would begin a burst: what others wait for
   * leaves first. A sender's own copy of their message is theirs only to confirm it (bench:
   * sent before the agent's, it cost the agent's copy latency on a shared host).
   */
  hold(ws: WebSocket, json: string): void {
    let batch = this.#burst.get(ws);
    if (!batch) {
      batch = { frames: [], bytes: 0 };
      this.#burst.set(ws, batch);
      this.#endBurstSoon();
    }
    this.#add(ws, batch, json);
  }

  #add(ws: WebSocket, batch: Batch, json: string): void {
    if (batch.frames.length > 0 && batch.bytes + json.length > MAX_BATCH_BYTES) {
      this.#deliver(ws, batch.frames);
      batch.frames = [];
      batch.bytes = 0;
    }
    batch.frames.push(json);
    batch.bytes += json.length;
  }

  postAll(sockets: Iterable<WebSocket>, json: string): void {
    for (const ws of sockets) this.post(ws, json);
  }

  /**
   * Sends a frame to every socket of these groups. The author's own (the sockets of group
   * `authorGroup` that `isAuthor` accepts, all of them without it: every socket of the person whose
   * act it is) are held for the burst's end when anyone else receives the frame, so the people it
   * is for hear it first; alone, the author gets it at once. `authorGroup` -1: no author.
   */
  postAuthorLast(groups: readonly (readonly WebSocket[])[], json: string, authorGroup: number, isAuthor?: (ws: WebSocket) => boolean): void {
    let others = false;
    let held: WebSocket[] | null = null;
    for (let group = 0; group < groups.length; group++) {
      for (const ws of groups[group]!) {
        if (group === authorGroup && (isAuthor === undefined || isAuthor(ws))) (held ??= []).push(ws);
        else {
          others = true;
          this.post(ws, json);
        }
      }
    }
    for (const ws of held ?? []) {
      if (others) this.hold(ws, json);
      else this.post(ws, json);
    }
  }

  /** Ends the burst: sends what waits, each socket's frames in the order they were posted. */
  flush(): void {
    this.#scheduled = false;
    const burst = [...this.#burst];
    this.#burst.clear();
    for (const [ws, batch] of burst) if (batch.frames.length > 0) this.#deliver(ws, batch.frames);
  }

  /** Forgets what waits for a socket that is being closed: it receives nothing more. */
  drop(ws: WebSocket): void {
    this.#burst.delete(ws);
  }

  #deliver(ws: WebSocket, frames: readonly string[]): void {
    let together: boolean;
    try {
      together = frames.length === 1 || this.#batches(ws);
    } catch {
      return; // A socket whose attachment cannot be read any more is closing: nothing reaches it.
    }
    if (together) return deliver(ws, frames);
    for (const frame of frames) deliver(ws, [frame]);
  }

  #endBurstSoon(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => this.flush(), 0);
  }
}

function deliver(ws: WebSocket, frames: readonly string[]): void {
  try {
    ws.send(encodeFrames(frames));
  } catch {
    // A closing socket; it is gone by the next event.
  }
}
