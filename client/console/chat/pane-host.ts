// What the chat pane needs from whatever shows it: the console's preview (rows kept live by the
// lobby, closing deselects) or a pop-out window (one chat alone, closing closes the window).
import type { ChatListRow } from '../../../objects/protocol.ts';
import type { MeResponse } from '../../shared/api.ts';
import type { ItemRef } from '../../../objects/rules/items.ts';
import type { TransferTargets } from './targets.ts';
import type { CustomerModel } from '../customers/customer.ts';

export interface PaneHost {
  me: MeResponse;
  targets: TransferTargets;
  /** The chat's list row, if the host holds one (read inside a render: it may be a signal). */
  rowOf(chatId: string): ChatListRow | null;
  close(): void;
  /** In a pop-out window there is nothing to pop out again. */
  inPopout: boolean;
  /** Opens a related item (a ticket, task or call log in the help desk, or a chat); null where the host cannot. */
  openItem: ((item: ItemRef) => void) | null;
  /** The user-details pop-out, opened from the customer's underlined email. */
  customers: CustomerModel;
}
