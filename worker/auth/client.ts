// Who is on the other end of a request, as far as limits per client go.

/**
 * The client's address as Cloudflare's edge gives it (CF-Connecting-IP, which a client cannot
 * set: the edge overwrites it). Null where there is no edge in front, as in the integration tests;
 * `wrangler dev` sets it to the local address. Limits keyed on it are then not applied.
 */
export function clientAddress(request: Request): string | null {
  return request.headers.get('CF-Connecting-IP');
}
