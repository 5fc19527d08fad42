// Entry point of the agent console (/). Owns the effects that reach outside the models: creating
// and disposing the workspace as the session signs in and out, the clock, and the document title
// (which counts waiting chats so a background tab still shows the queue).
import { effect, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import { App } from './App.tsx';
import { createConsole, type ConsoleModel } from './model.ts';
import { createSession } from './session.ts';
import { startClock } from './time.ts';
import './console.css';

const session = createSession();
const workspace = signal<ConsoleModel | null>(null);

effect(() => {
  const state = session.state.value;
  if (state.status !== 'signed-in') return;
  const model = untracked(() => createConsole(state.me, session));
  workspace.value = model;
  return () => {
    model.dispose();
    workspace.value = null;
  };
});

effect(() => {
  const queued = workspace.value?.queueCount.value ?? 0;
  document.title = queued > 0 ? `(${queued}) Switchboard` : 'Switchboard';
});

startClock();
void session.load();

const root = document.getElementById('app');
if (root) render(<App session={session} model={workspace} />, root);
