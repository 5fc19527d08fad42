// The embed script a website adds with one tag: <script src="https://<switchboard>/widget.js" async>.
// It only draws a launcher button; the chat itself (a Preact app) loads in an iframe from the
// script's own origin on first click, so a page that never opens the chat pays ~1 KB.
// Built as a standalone classic script by vite.config.ts, wrapped in an IIFE so nothing leaks
// into the host page's globals; it must import nothing.
function mountSwitchboardLauncher(): void {
  /** Messages from the widget iframe carry this marker (see client/widget/main.tsx). */
  const MESSAGE_SOURCE = 'switchboard';
  const LAUNCHER_ID = 'switchboard-launcher';
  const OPEN_LABEL = 'Chat with us';
  const CLOSE_LABEL = 'Close chat';

  const script = document.currentScript;
  // Loaded twice, or not as a classic <script src> (e.g. as a module): do nothing.
  if (!(script instanceof HTMLScriptElement) || !script.src || document.getElementById(LAUNCHER_ID)) return;

  const origin = new URL(script.src).origin;
  const query = new URLSearchParams({ embed: '1' });
  if (script.dataset.group) query.set('group', script.dataset.group);

  const button = document.createElement('button');
  button.id = LAUNCHER_ID;
  button.type = 'button';
  button.style.cssText =
    'position:fixed;right:20px;bottom:20px;z-index:2147483647;padding:12px 20px;border:0;border-radius:999px;' +
    'background:#2457d6;color:#fff;font:600 15px/1.2 system-ui,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer';

  let frame: HTMLIFrameElement | null = null;
  let open = false;

  function show(next: boolean): void {
    open = next;
    button.textContent = next ? CLOSE_LABEL : OPEN_LABEL;
    button.setAttribute('aria-label', button.textContent);
    button.setAttribute('aria-expanded', String(next));
    if (!next) {
      if (frame) frame.style.display = 'none';
      return;
    }
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = LAUNCHER_ID + '-frame';
      frame.title = 'Live chat';
      frame.src = `${origin}/widget.html?${query}`;
      frame.style.cssText =
        'position:fixed;right:20px;bottom:76px;z-index:2147483647;width:370px;height:560px;' +
        'max-width:calc(100vw - 40px);max-height:calc(100vh - 96px);border:0;border-radius:12px;' +
        'background:#fff;box-shadow:0 8px 30px rgba(0,0,0,.3)';
      frame.addEventListener('load', () => frame?.contentWindow?.postMessage({ source: MESSAGE_SOURCE, type: 'open' }, origin));
      button.setAttribute('aria-controls', frame.id);
      document.body.appendChild(frame);
    } else {
      frame.style.display = '';
      frame.contentWindow?.postMessage({ source: MESSAGE_SOURCE, type: 'open' }, origin);
    }
    frame.focus();
  }

  button.addEventListener('click', () => show(!open));

  // The widget asks to be closed (its minimize button or Escape); only our own iframe may.
  window.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (
      frame &&
      event.source === frame.contentWindow &&
      event.origin === origin &&
      typeof data === 'object' &&
      data !== null &&
      'source' in data &&
      data.source === MESSAGE_SOURCE &&
      'type' in data &&
      data.type === 'close'
    ) {
      show(false);
      button.focus();
    }
  });

  function mount(): void {
    show(false);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

mountSwitchboardLauncher();
