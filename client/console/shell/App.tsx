// The console page's top level: loading, the sign-in form, or what a signed-in agent opened: the
// workspace, one chat in a pop-out window, or a chat's print view.
import type { ReadonlySignal } from '@preact/signals';
import type { ConsoleModel } from './model.ts';
import type { PopoutModel } from '../chat/popout.ts';
import { PopoutScreen } from '../chat/PopoutScreen.tsx';
import type { PrintModel } from '../chat/print.ts';
import { PrintView } from '../chat/PrintView.tsx';
import type { Session } from './sign-in.ts';
import { SignIn } from './SignIn.tsx';
import { Workspace } from './Workspace.tsx';

/** What the signed-in page holds, by the page's mode (page-mode.ts). */
export type Opened =
  | { kind: 'console'; model: ConsoleModel }
  | { kind: 'popout'; model: PopoutModel }
  | { kind: 'print'; model: PrintModel };

export function App({ session, opened }: { session: Session; opened: ReadonlySignal<Opened | null> }) {
  const state = session.state.value;
  const page = opened.value;
  if (state.status === 'signed-out') return <SignIn session={session} reason={state.reason} />;
  if (state.status === 'loading' || page === null) {
    return (
      <p class="boot" role="status">
        Loading Switchboard…
      </p>
    );
  }
  switch (page.kind) {
    case 'console':
      return <Workspace model={page.model} session={session} />;
    case 'popout':
      return <PopoutScreen model={page.model} />;
    case 'print':
      return <PrintView model={page.model} />;
  }
}
