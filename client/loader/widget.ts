// The embed script a website adds with one tag: <script src="https://<switchboard>/widget.js" async
// data-group data-name data-email data-fields data-lang data-color data-position data-link
// data-identity (a signed identity: docs/identity.md)>.
// It only draws a launcher button; the chat itself (a Preact app) loads in an iframe from the
// script's own origin on first click, so a page that never opens the chat pays ~1.5 KB. The data-*
// options travel to the iframe in its query, where the widget checks them (client/widget/options.ts).
// Built as a standalone classic script by vite.config.ts, wrapped in an IIFE so nothing leaks
// into the host page's globals; it must import nothing.
// The reference below lets Deno, which type-checks the pure tests without the DOM, check this file.
/// <reference lib="dom" />

/** The data-* attributes passed on to the widget's query, as `data-<name>` → `?<name>=`. */
const PASSED_ON = ['group', 'name', 'email', 'fields', 'lang', 'link', 'color', 'identity'] as const;
const COLOR_SHAPE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export interface LoaderSettings {
  /** The iframe's query string. */
  query: string;
  side: 'left' | 'right';
  /** The launcher's background and text colours. */
  color: string;
  ink: string;
}

/** What the script tag asks for, checked: only a hex colour reaches a style, only left or right a side. Pure. */
export function loaderSettings(data: Readonly<Record<string, string | undefined>>): LoaderSettings {
  const query = new URLSearchParams({ embed: '1' });
  for (const key of PASSED_ON) {
    const value = data[key];
    if (value) query.set(key, value);
  }
  const given = data['color'] ?? '';
  let color = '#2457d6';
  let ink = '#fff';
  if (COLOR_SHAPE.test(given)) {
    color = given;
    const hex = given.length === 4 ? given.replace(/[0-9a-f]/gi, '$&$&') : given;
    // Black or white, whichever contrasts more (WCAG luminance, as inkFor in client/widget/options.ts).
    const channel = (i: number) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    if ((l + 0.05) / 0.05 > 1.05 / (l + 0.05)) ink = '#000';
  }
  return { query: query.toString(), side: data['position'] === 'left' ? 'left' : 'right', color, ink };
}

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
  const settings = loaderSettings(script.dataset);
  const side = `${settings.side}:20px;`;

  const button = document.createElement('button');
  button.id = LAUNCHER_ID;
  button.type = 'button';
  button.style.cssText =
    `position:fixed;${side}bottom:20px;z-index:2147483647;padding:12px 20px;border:0;border-radius:999px;` +
    `background:${settings.color};color:${settings.ink};font:600 15px/1.2 system-ui,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer`;

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
      frame.src = `${origin}/widget.html?${settings.query}`;
      frame.style.cssText =
        `position:fixed;${side}bottom:76px;z-index:2147483647;width:370px;height:560px;` +
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

// Only in a page (the pure part above is also imported by tests, in Node and Deno).
if (typeof document !== 'undefined') mountSwitchboardLauncher();
