// One chat alone in its own window (the seed's Pop-out, or a double-click on a list row): the
// same chat model and pane as the console's preview, without the lists or the lobby. The row
// comes once from GET /api/chats/:id; what changes arrives over the chat's own socket.
import { signal } from '@preact/signals';
import type { MeResponse } from '../../shared/api.ts';
import { EMPTY_SEED } from '../../shared/conversation.ts';
import { openChat } from './chat.ts';
import type { PaneHost } from './pane-host.ts';
import { createTransferTargets } from './targets.ts';
import { createCustomerPopout } from '../customers/customer.ts';

export type PopoutModel = ReturnType<typeof createPopout>;

/** `closeWindow`: the page's own effect, owned by the entry point. */
export function createPopout(me: MeResponse, chatId: string, closeWindow: () => void) {
  const chat = openChat(chatId, EMPTY_SEED, null, { onDeleted: closeWindow });
  const host: PaneHost = {
    me,
    targets: createTransferTargets(signal(me.groups)),
    rowOf: () => chat.row.value,
    close: closeWindow,
    inPopout: true,
    // Related items open in the console's own window, not in the pop-out.
    openItem: null,
    customers: createCustomerPopout(null),
  };
  return {
    chat,
    host,
    dispose(): void {
      chat.close();
    },
  };
}
