// Runs in each browser test file before its tests. The requests a test sends itself (Node's fetch:
// signing in over the API, starting chats, taking and ending them) ask the server to close the
// connection after its answer, so none is sent on a kept-alive connection the server is closing
// at that moment: undici does not resend a POST on a reused connection that closed before any
// answer. A clean-clone CI run failed on one ("fetch failed: other side closed" on a reused
// socket; the server's log has no line for that request). Miniflare's own dispatchFetch closes
// its connections for the same reason ("avoid keep-alive race conditions"). The browser's
// requests are Chromium's own.
const fetchWithKeepAlive = globalThis.fetch;

globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('connection', 'close');
  return fetchWithKeepAlive(input, { ...init, headers });
};
