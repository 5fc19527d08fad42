// What the console page at / shows, read from its address: the whole console, one chat alone in
// a pop-out window (`/?chat=<id>&popout=1`), or a chat's print view (`/?chat=<id>&print=1`).
// The addresses the toolbar opens and the ones main.tsx reads are defined here, once; opening
// the windows is the only effect, kept in the two small functions at the end.

export type PageMode = { kind: 'console' } | { kind: 'popout'; chatId: string } | { kind: 'print'; chatId: string };

export function pageMode(search: string): PageMode {
  const params = new URLSearchParams(search);
  const chatId = params.get('chat');
  if (!chatId) return { kind: 'console' };
  if (params.get('print') === '1') return { kind: 'print', chatId };
  if (params.get('popout') === '1') return { kind: 'popout', chatId };
  return { kind: 'console' };
}

export function popoutUrl(chatId: string): string {
  return `/?chat=${encodeURIComponent(chatId)}&popout=1`;
}

export function printUrl(chatId: string): string {
  return `/?chat=${encodeURIComponent(chatId)}&print=1`;
}

/** One window per chat: popping the same chat out again brings its window back. */
export function openPopout(chatId: string): void {
  window.open(popoutUrl(chatId), `switchboard-chat-${chatId}`, 'popup,width=760,height=860');
}

export function openPrint(chatId: string): void {
  window.open(printUrl(chatId), '_blank');
}
