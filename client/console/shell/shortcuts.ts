// The console's keyboard shortcuts, as pure rules: which key does what, and when a key is a
// shortcut at all (never while typing in a field, never with Ctrl, Alt or Meta, so the browser's
// and the screen reader's own keys keep working). The open chat's toolbar registers what it can
// do now (chat-shortcuts.ts); `?` lists them all.

export type ChatShortcut = 'take' | 'end' | 'transfer' | 'comment' | 'canned';
export type ListShortcut = 'next' | 'previous' | 'open';
export type Shortcut = ChatShortcut | 'help';

export interface ShortcutHelp {
  keys: string;
  what: string;
}

/** Every key the console answers to, for the `?` dialog (in the order it lists them). */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: '↓ or j', what: 'Next chat in the list' },
  { keys: '↑ or k', what: 'Previous chat in the list' },
  { keys: 'Enter', what: 'Open the chat, with the cursor in the reply box' },
  { keys: 't', what: 'Take the open chat' },
  { keys: 'e', what: 'End the open chat' },
  { keys: 'f', what: 'Transfer the open chat' },
  { keys: 'c', what: 'Add a comment to the open chat' },
  { keys: 'i', what: 'Insert a canned reply' },
  { keys: '?', what: 'Show these shortcuts' },
];

const CHAT_KEYS: Readonly<Record<string, ChatShortcut>> = { t: 'take', e: 'end', f: 'transfer', c: 'comment', i: 'canned' };

/** The `aria-keyshortcuts` value of the toolbar button a shortcut stands for. */
export const KEY_OF: Readonly<Record<ChatShortcut, string>> = { take: 't', end: 'e', transfer: 'f', comment: 'c', canned: 'i' };

/** What a key press needs to be judged (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The element that has focus, or null. */
  target: { tagName: string; isContentEditable?: boolean; type?: string } | null;
}

/** Keys typed into these go to the field, never to a shortcut. */
function isTyping(target: KeyPress['target']): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  // A checkbox or a button-like input takes no text: keys on it may still be shortcuts.
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target.type ?? 'text').toLowerCase());
}

/** The console-wide shortcut a key press is, if any. */
export function shortcutOf(press: KeyPress): Shortcut | null {
  if (press.ctrlKey || press.altKey || press.metaKey || isTyping(press.target)) return null;
  if (press.key === '?') return 'help';
  return CHAT_KEYS[press.key] ?? null;
}

/** What a key does on a focused row of the chat list, if anything. */
export function listKeyOf(press: Omit<KeyPress, 'target'>): ListShortcut | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  switch (press.key) {
    case 'ArrowDown':
    case 'j':
      return 'next';
    case 'ArrowUp':
    case 'k':
      return 'previous';
    case 'Enter':
      return 'open';
    default:
      return null;
  }
}
