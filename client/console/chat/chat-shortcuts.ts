// The open chat's toolbar says here what its keyboard shortcuts do right now (only what it would
// offer as an enabled button), and the console's key handler asks. One chat pane is open at a
// time in a window, so one set of handlers.
import type { ChatShortcut } from '../shell/shortcuts.ts';

export type ChatShortcutHandlers = Partial<Record<ChatShortcut, () => void>>;

let current: ChatShortcutHandlers = {};

/** The toolbar's handlers from now on; the returned function withdraws them (when it unmounts). */
export function registerChatShortcuts(handlers: ChatShortcutHandlers): () => void {
  current = handlers;
  return () => {
    if (current === handlers) current = {};
  };
}

/** Runs the shortcut if the open chat offers it now; false if it does not (or no chat is open). */
export function runChatShortcut(shortcut: ChatShortcut): boolean {
  const handler = current[shortcut];
  if (!handler) return false;
  handler();
  return true;
}

/** The chat whose pane should put the cursor in its reply box once it shows (Enter on a list row). */
let replyFocusFor: string | null = null;

export function wantReplyFocus(chatId: string): void {
  replyFocusFor = chatId;
}

/** True once for the chat that asked for the reply box's focus. */
export function takeReplyFocus(chatId: string): boolean {
  if (replyFocusFor !== chatId) return false;
  replyFocusFor = null;
  return true;
}

/**
 * Puts the cursor in the open pane's reply box; where the agent cannot write (a chat not yet
 * theirs), on the toolbar's first button instead (Take, usually). False if neither is there yet.
 */
export function focusReply(): boolean {
  // One chat pane per window (the preview, or a pop-out's only pane).
  const box = document.querySelector<HTMLTextAreaElement>('.pane form.reply textarea:not([disabled])');
  const target = box ?? document.querySelector<HTMLElement>('.pane-toolbar button:not([disabled])');
  target?.focus();
  return target !== null;
}
