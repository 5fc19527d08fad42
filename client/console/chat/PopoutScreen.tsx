// A pop-out window's whole page: the one chat's pane, full height.
import { ChatPane } from './ChatPane.tsx';
import type { PopoutModel } from './popout.ts';

export function PopoutScreen({ model }: { model: PopoutModel }) {
  return (
    <main class="popout">
      <ChatPane host={model.host} chat={model.chat} />
    </main>
  );
}
