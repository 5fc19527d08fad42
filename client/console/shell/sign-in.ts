// Who is signed in to the console: `GET /api/auth/session` on load decides (always 200: a console
// opened signed out logs no failed request), the sign-in form and the
// Sign out buttons (here, or everywhere) change it, and any 401 from elsewhere ends it.
// Signals and actions only.
import type { SessionResponse, SignInBody, SignInResponse } from '../../../worker/auth/wire.ts';
import { signal } from '@preact/signals';
import { ApiError, describeError, getJson, post, postJson, type MeResponse, whenSessionEnds } from '../../shared/api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: string | null }
  | { status: 'signed-in'; me: MeResponse };

export type Session = ReturnType<typeof createSession>;

const isUnauthenticated = (failure: unknown) => failure instanceof ApiError && failure.status === 401;

export function createSession() {
  const state = signal<SessionState>({ status: 'loading' });
  const busy = signal(false);
  const error = signal<string | null>(null);
  /** Why "Sign out everywhere" did not happen (the session stays as it was). */
  const signOutError = signal<string | null>(null);

  // Any request that answers 401 ends the console's session, from wherever it was made.
  whenSessionEnds(expire);

  async function load(): Promise<void> {
    try {
      const session = await getJson<SessionResponse>('/api/auth/session');
      state.value = session.signedIn ? { status: 'signed-in', me: session.me } : { status: 'signed-out', reason: null };
    } catch (failure) {
      state.value = { status: 'signed-out', reason: isUnauthenticated(failure) ? null : describeError(failure) };
    }
  }

  /** Something answered 401: the session expired or was revoked elsewhere. */
  function expire(): void {
    if (state.value.status === 'signed-in') {
      state.value = { status: 'signed-out', reason: 'Your session has ended. Please sign in again.' };
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await postJson<SignInResponse>('/api/auth/login', { email, password } satisfies SignInBody);
      await load();
    } catch (failure) {
      error.value = isUnauthenticated(failure) ? 'That email and password do not match an account.' : describeError(failure);
    } finally {
      busy.value = false;
    }
  }

  async function signOut(): Promise<void> {
    try {
      await post('/api/auth/logout');
    } catch {
      // The cookie may already be gone; signed out either way.
    }
    state.value = { status: 'signed-out', reason: null };
  }

  /** Ends every session of this agent (all browsers, all consoles), then shows the sign-in form. */
  async function signOutEverywhere(): Promise<void> {
    signOutError.value = null;
    try {
      await post('/api/auth/logout-all');
    } catch (failure) {
      // A 401 means there was no session left to end; anything else left the sessions alive.
      if (!isUnauthenticated(failure)) {
        signOutError.value = describeError(failure);
        return;
      }
    }
    state.value = { status: 'signed-out', reason: null };
  }

  /** Asks the server whether we are still signed in; only a 401 changes anything. */
  async function check(): Promise<void> {
    try {
      await getJson<MeResponse>('/api/me');
    } catch (failure) {
      if (isUnauthenticated(failure)) expire();
    }
  }

  return { state, busy, error, signOutError, load, signIn, signOut, signOutEverywhere, check, expire };
}
