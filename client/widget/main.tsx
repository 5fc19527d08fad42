// Entry point of the visitor widget page (/widget.html, also the full-page live chat link
// /widget.html?link=<slug>). Reads the page's options (options.ts), creates the model, renders it,
// and owns the effects that reach outside the model: the document title, the site's colour, and
// the messages exchanged with the loader (/widget.js) when embedded in another site.
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { App } from './App.tsx';
import { createWidgetModel } from './model.ts';
import { inkFor, readOptions } from './options.ts';
import { unreadReplies } from './unread.ts';
import './widget.css';

/** Messages between this page and the loader carry this marker, so other postMessage traffic is ignored. */
const MESSAGE_SOURCE = 'switchboard';

const options = readOptions(location.search);
const embedded = options.embedded && window.parent !== window;
const model = createWidgetModel(options);

if (options.color) {
  // Only the header and main buttons take the site's colour, each with the ink that reads on it.
  document.documentElement.style.setProperty('--brand', options.color);
  document.documentElement.style.setProperty('--brand-ink', inkFor(options.color));
}

/**
 * Whether the visitor has the chat in front of them. Embedded, the loader says (`open`,
 * `hidden`); after a reload it may load us hidden, to count replies for its launcher.
 */
const visible = signal(!embedded);

/** Tells the loader on the embedding page; it owns the iframe and the launcher. */
function tellLoader(message: { type: 'close' } | { type: 'unread'; count: number } | { type: 'chat'; running: boolean }): void {
  window.parent.postMessage({ source: MESSAGE_SOURCE, ...message }, '*');
}

/** Ask the loader to hide the panel. It owns the iframe, so it decides. */
function close(): void {
  tellLoader({ type: 'close' });
}

if (embedded) {
  document.documentElement.classList.add('embedded');
  addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  // The loader says `open` each time it shows the panel (put focus where the visitor will type),
  // and `hidden` when it hides it.
  addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || !('source' in data) || data.source !== MESSAGE_SOURCE || !('type' in data)) return;
    if (data.type === 'open') {
      visible.value = true;
      model.reopened();
      document.querySelector<HTMLElement>('.widget textarea:not([disabled]), .widget input, .widget button.primary')?.focus();
    } else if (data.type === 'hidden') {
      visible.value = false;
    }
  });

  // Replies that arrive while the panel is closed are counted on the launcher; what is in front
  // of the visitor is seen. The loader also learns whether a chat is running.
  let told = -1;
  effect(() => {
    const session = model.session.value;
    const conversation = session?.conversation;
    const ended = conversation?.chat.value?.status === 'ended';
    tellLoader({ type: 'chat', running: session !== null && !ended });
    if (!session || !conversation) return;
    if (visible.value) session.seenSeq.value = conversation.lastSeq.value;
    const count = unreadReplies(conversation.events.value, session.seenSeq.value);
    if (count !== told) tellLoader({ type: 'unread', count });
    told = count;
  });
}

effect(() => {
  const chat = model.session.value?.conversation.chat.value;
  document.title = chat ? `Chat · ${chat.groupName}` : 'Chat with us';
});

const root = document.getElementById('app');
if (root) render(<App model={model} onClose={embedded ? close : null} />, root);
