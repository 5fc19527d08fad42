// The console's top level: loading, the sign-in form, or the workspace of a signed-in agent.
import type { ReadonlySignal } from '@preact/signals';
import type { ConsoleModel } from './model.ts';
import type { Session } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { Workspace } from './Workspace.tsx';

export function App({ session, model }: { session: Session; model: ReadonlySignal<ConsoleModel | null> }) {
  const state = session.state.value;
  const workspace = model.value;
  if (state.status === 'signed-out') return <SignIn session={session} reason={state.reason} />;
  if (state.status === 'loading' || workspace === null) {
    return (
      <p class="boot" role="status">
        Loading Switchboard…
      </p>
    );
  }
  return <Workspace model={workspace} session={session} />;
}
