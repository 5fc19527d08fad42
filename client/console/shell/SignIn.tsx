// The console's sign-in form: email and password to `POST /api/auth/login`, with the server's
// refusal shown in words. The browser's own validation covers empty and malformed fields.
import { useState } from 'preact/hooks';
import type { Session } from './sign-in.ts';

export function SignIn({ session, reason }: { session: Session; reason: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = session.error.value ?? reason;
  const busy = session.busy.value;

  return (
    <main class="signin">
      <form
        class="signin-card"
        aria-labelledby="signin-title"
        onSubmit={(event) => {
          event.preventDefault();
          void session.signIn(email.trim(), password);
        }}
      >
        <h1 id="signin-title">
          <span class="brand-mark" aria-hidden="true" /> Switchboard
        </h1>
        <p class="signin-sub">Sign in to answer live chats.</p>
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <label for="signin-email">Email</label>
        <input
          id="signin-email"
          type="email"
          autocomplete="username"
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="signin-password">Password</label>
        <input
          id="signin-password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
