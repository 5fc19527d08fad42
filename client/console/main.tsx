// Entry point of the agent console (/). Owns the effects that reach outside the models: creating
// and disposing what the page opened (the workspace, a pop-out chat, a print view) as the session
// signs in and out, the clock, the document title (which counts waiting chats so a background tab
// still shows the queue), closing a pop-out window, and the notifications' sound, desktop
// notifications and pop-outs.
import { effect, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import { App, type Opened } from './shell/App.tsx';
import { createConsole } from './shell/model.ts';
import type { NoticeEffects } from './shell/notifications.ts';
import { openPopout, pageMode } from './shell/page-mode.ts';
import { createPopout } from './chat/popout.ts';
import { createPrint } from './chat/print.ts';
import { createSession } from './shell/sign-in.ts';
import { startClock } from './ui/time.ts';
import './shell/console.css';
import './lists/lists.css';
import './ui/dialog.css';
import './chat/pane.css';

/** The notification sound: a short two-tone chime, made with Web Audio (no file to fetch). */
const CHIME_HZ = [880, 1320];
const CHIME_NOTE_S = 0.12;

let audio: AudioContext | null = null;
const effects: NoticeEffects = {
  sound() {
    try {
      audio ??= new AudioContext();
      CHIME_HZ.forEach((hz, i) => {
        const osc = audio!.createOscillator();
        const gain = audio!.createGain();
        const start = audio!.currentTime + i * CHIME_NOTE_S;
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + CHIME_NOTE_S);
        osc.connect(gain).connect(audio!.destination);
        osc.start(start);
        osc.stop(start + CHIME_NOTE_S);
      });
    } catch {
      // No audio here (or not allowed before the person has used the page): the other channels still tell.
    }
  },
  desktop(title, body, tag) {
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body, tag });
  },
  askDesktopPermission() {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
  },
  popout: (chatId) => openPopout(chatId),
};

const session = createSession();
const mode = pageMode(location.search);
const opened = signal<Opened | null>(null);

effect(() => {
  const state = session.state.value;
  if (state.status !== 'signed-in') return;
  const page = untracked((): Opened => {
    switch (mode.kind) {
      case 'console':
        return { kind: 'console', model: createConsole(state.me, session, effects) };
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
