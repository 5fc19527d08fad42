// A pop-out window's whole page: the one chat's pane, full height.
import { ChatPane } from './ChatPane.tsx';
import type { PopoutModel } from './popout.ts';
import { CustomerDialog } from '../customers/CustomerDialog.tsx';

export function PopoutScreen({ model }: { model: PopoutModel }) {
  return (
    <main class="popout">
      {/* The page's level-one heading; the pane's own (the customer's name) follows it. */}
      <h1 class="sr-only">Chat in a pop-out window</h1>
      <ChatPane host={model.host} chat={model.chat} />
      <CustomerDialog model={model.host.customers} me={{ id: model.host.me.agent.id, role: model.host.me.agent.role }} />
    </main>
  );
}
