// The embed script a website adds with one tag: <script src="https://<switchboard>/widget.js" async
// data-group data-name data-email data-fields data-lang data-color data-position data-link
// data-identity (a signed identity: docs/identity.md) data-sound="off">.
// It only draws a launcher button; the chat itself (a Preact app) loads in an iframe from the
// script's own origin on first click, so a page that never opens the chat pays a few KB. The data-*
// options travel to the iframe in its query, where the widget checks them (client/widget/options.ts).
// The launcher says whether anyone is online (asked of Switchboard, never guessed), counts replies
// that arrive while the panel is closed (with a short sound unless data-sound="off"), and keeps the
// panel open or closed across reloads and pages of the site as the visitor left it.
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
  /** The group whose availability the launcher shows ('' = any group). */
  group: string;
  /** Play a short sound when a reply arrives while the panel is closed. */
  sound: boolean;
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
  return {
    query: query.toString(),
    group: data['group'] ?? '',
    sound: data['sound'] !== 'off',
    side: data['position'] === 'left' ? 'left' : 'right',
    color,
    ink,
  };
}

/** Whether anyone can answer: unknown until Switchboard has said. */
export type Availability = 'online' | 'offline' | 'unknown';

/** The launcher's words: what it does, whether anyone is there, and replies not yet read. Pure. */
export function launcherText(open: boolean, availability: Availability, unread: number): { title: string; status: string; badge: string } {
  if (open) return { title: 'Close chat', status: '', badge: '' };
  const status = availability === 'online' ? 'We are online' : availability === 'offline' ? 'Nobody is online: leave a message' : '';
  const badge = unread > 0 ? `${unread > 99 ? '99+' : unread} unread` : '';
  return { title: 'Chat with us', status, badge };
}

/** What the launcher remembers in the embedding site's sessionStorage (this tab, every page). */
export interface LauncherMemory {
  open: boolean;
  /** A chat is under way: after a reload the widget loads hidden, to count replies. */
  running: boolean;
}

export function readMemory(raw: string | null): LauncherMemory {
  try {
    const data: unknown = raw === null ? null : JSON.parse(raw);
    if (typeof data === 'object' && data !== null) {
      return { open: 'open' in data && data.open === true, running: 'running' in data && data.running === true };
    }
  } catch {
    // Not ours, or damaged: start closed.
  }
  return { open: false, running: false };
}

function mountSwitchboardLauncher(): void {
  /** Messages from the widget iframe carry this marker (see client/widget/main.tsx). */
  const MESSAGE_SOURCE = 'switchboard';
  const LAUNCHER_ID = 'switchboard-launcher';
  const MEMORY_KEY = 'switchboard.launcher';
  /** How often the launcher asks again whether anyone is online, while the panel is closed. */
  const ONLINE_REFRESH_MS = 60_000;
  /** The reply sound: a short soft tone. */
  const TONE_HZ = 880;
  const TONE_MS = 180;

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
    `position:fixed;${side}bottom:20px;z-index:2147483647;padding:10px 20px;border:0;border-radius:999px;display:flex;` +
    `flex-direction:column;align-items:center;gap:2px;background:${settings.color};color:${settings.ink};` +
    'font:600 15px/1.2 system-ui,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer';
  const title = document.createElement('span');
  const status = document.createElement('span');
  status.style.cssText = 'font-weight:400;font-size:12px';
  const badge = document.createElement('span');
  badge.style.cssText =
    'position:absolute;top:-8px;right:-6px;min-width:20px;padding:2px 6px;border-radius:999px;background:#b00020;color:#fff;font-size:12px';
  for (const part of [title, status, badge]) button.appendChild(part);

  let frame: HTMLIFrameElement | null = null;
  let availability: Availability = 'unknown';
  let unread = 0;
  let memory = recall();

  function recall(): LauncherMemory {
    try {
      return readMemory(sessionStorage.getItem(MEMORY_KEY));
    } catch {
      return { open: false, running: false };
    }
  }

  function remember(change: Partial<LauncherMemory>): void {
    memory = { ...memory, ...change };
    try {
      sessionStorage.setItem(MEMORY_KEY, JSON.stringify(memory));
    } catch {
      // Storage blocked: the panel simply starts closed on the next page.
    }
  }

  function draw(): void {
    const text = launcherText(memory.open, availability, unread);
    title.textContent = text.title;
    status.textContent = text.status;
    status.hidden = text.status === '';
    badge.textContent = text.badge;
    badge.hidden = text.badge === '';
    button.setAttribute('aria-expanded', String(memory.open));
    // The page says it too, so the site's own words ("we are online") need no guessing.
    document.documentElement.dataset['switchboardOnline'] = availability;
  }

  function tell(type: 'open' | 'hidden'): void {
    frame?.contentWindow?.postMessage({ source: MESSAGE_SOURCE, type }, origin);
  }

  /** Makes the iframe (hidden or shown); it loads the widget, which reconnects to a running chat. */
  function ensureFrame(visible: boolean): HTMLIFrameElement {
    if (frame) return frame;
    const made = document.createElement('iframe');
    made.id = LAUNCHER_ID + '-frame';
    made.title = 'Live chat';
    made.src = `${origin}/widget.html?${settings.query}`;
    made.style.cssText =
      `position:fixed;${side}bottom:86px;z-index:2147483647;width:370px;height:560px;` +
      'max-width:calc(100vw - 40px);max-height:calc(100vh - 106px);border:0;border-radius:12px;' +
      'background:#fff;box-shadow:0 8px 30px rgba(0,0,0,.3)';
    made.style.display = visible ? '' : 'none';
    made.addEventListener('load', () => tell(memory.open ? 'open' : 'hidden'));
    button.setAttribute('aria-controls', made.id);
    document.body.appendChild(made);
    frame = made;
    return made;
  }

  function show(next: boolean): void {
    remember({ open: next });
    if (next) {
      unread = 0;
      const shown = ensureFrame(true);
      shown.style.display = '';
      tell('open');
      shown.focus();
    } else if (frame) {
      frame.style.display = 'none';
      tell('hidden');
    }
    draw();
  }

  async function askOnline(): Promise<void> {
    try {
      const query = settings.group ? `?group=${encodeURIComponent(settings.group)}` : '';
      const res = await fetch(`${origin}/api/public/online${query}`, { credentials: 'omit' });
      const data: unknown = res.ok ? await res.json() : null;
      availability = typeof data === 'object' && data !== null && 'online' in data ? (data.online === true ? 'online' : 'offline') : 'unknown';
    } catch {
      availability = 'unknown';
    }
    draw();
  }

  let audio: AudioContext | null = null;
  function chime(): void {
    if (!settings.sound) return;
    try {
      audio ??= new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = TONE_HZ;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + TONE_MS / 1000);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + TONE_MS / 1000);
    } catch {
      // No audio here (or not allowed before a click): the badge still says it.
    }
  }

  button.addEventListener('click', () => show(!memory.open));

  // Only our own iframe may speak to us: it asks to close (minimize, Escape), counts replies the
  // visitor has not seen, and says whether a chat is running.
  window.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    if (typeof data !== 'object' || data === null || !('source' in data) || data.source !== MESSAGE_SOURCE || !('type' in data)) return;
    if (data.type === 'close') {
      show(false);
      button.focus();
    } else if (data.type === 'unread' && 'count' in data && typeof data.count === 'number' && Number.isInteger(data.count) && data.count >= 0) {
      if (data.count > unread && !memory.open) chime();
      unread = memory.open ? 0 : data.count;
      draw();
    } else if (data.type === 'chat' && 'running' in data && typeof data.running === 'boolean') {
      remember({ running: data.running });
    }
  });

  function mount(): void {
    document.body.appendChild(button);
    draw();
    if (memory.open) show(true);
    else if (memory.running) ensureFrame(false);
    void askOnline();
    setInterval(() => {
      if (!memory.open && document.visibilityState === 'visible') void askOnline();
    }, ONLINE_REFRESH_MS);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

// Only in a page (the pure part above is also imported by tests, in Node and Deno).
if (typeof document !== 'undefined') mountSwitchboardLauncher();
