// Entry point of the agent console (/). Owns the effects that reach outside the models: creating
// and disposing what the page opened (the workspace, a pop-out chat, a print view) as the session
// signs in and out, the clock, the document title (which counts waiting chats so a background tab
// still shows the queue) and closing a pop-out window.
import { effect, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import { App, type Opened } from './shell/App.tsx';
import { createConsole } from './shell/model.ts';
import { pageMode } from './shell/page-mode.ts';
import { createPopout } from './chat/popout.ts';
import { createPrint } from './chat/print.ts';
import { createSession } from './shell/sign-in.ts';
import { startClock } from './ui/time.ts';
import './shell/console.css';
import './lists/lists.css';
import './ui/dialog.css';
import './chat/pane.css';

const session = createSession();
const mode = pageMode(location.search);
const opened = signal<Opened | null>(null);

effect(() => {
  const state = session.state.value;
  if (state.status !== 'signed-in') return;
  const page = untracked((): Opened => {
    switch (mode.kind) {
      case 'console':
        return { kind: 'console', model: createConsole(state.me, session) };
      case 'popout':
        return { kind: 'popout', model: createPopout(state.me, mode.chatId, () => window.close()) };
      case 'print':
        return { kind: 'print', model: createPrint(mode.chatId) };
    }
  });
  opened.value = page;
  return () => {
    if (page.kind !== 'print') page.model.dispose();
    opened.value = null;
  };
});

effect(() => {
  const page = opened.value;
  if (page?.kind === 'popout') {
    const name = page.model.chat.conversation.chat.value?.visitor.name;
    document.title = name ? `Chat with ${name} — Switchboard` : 'Chat — Switchboard';
    return;
  }
  if (page?.kind === 'print') {
    document.title = 'Transcript — Switchboard';
    return;
  }
  const queued = page?.model.queueCount.value ?? 0;
  document.title = queued > 0 ? `(${queued}) Switchboard` : 'Switchboard';
});

startClock();
void session.load();

const root = document.getElementById('app');
if (root) render(<App session={session} opened={opened} />, root);
