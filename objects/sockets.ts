// Small helpers both objects use with the WebSocket Hibernation API
// (https://developers.cloudflare.com/durable-objects/best-practices/websockets/).

/**
 * The runtime does not answer a client's close frame for us: complete the handshake. Codes the
 * client may not echo (1005 "no status", 1006 "abnormal") are answered with 1000.
 */
export function answerClose(ws: WebSocket, code: number, reason: string): void {
  const answer = code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000;
  try {
    ws.close(answer, reason);
  } catch {
    // Already closed.
  }
}

/** Sends to every socket given, skipping any that is already closing. */
export function sendAll(sockets: Iterable<WebSocket>, json: string): void {
  for (const ws of sockets) {
    try {
      ws.send(json);
    } catch {
      // A closing socket; it is gone by the next event.
    }
  }
}

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
