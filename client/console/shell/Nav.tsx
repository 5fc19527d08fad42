// The navigation pane, in the seed's order: My Active, My Completed, Queue; each of my groups with
// its Active and Inactive chats; Global Live Chats; Administration for administrators; then the
// team with each colleague's presence. Messages (left while nobody was online) sits before
// Administration, with how many are open. Beside each view, how many chats it has (from the counts
// model, refreshed as the lobby reports changes). Buttons only: the model decides what each shows.
import type { ComponentChildren } from 'preact';
import type { ChatCounts } from '../../shared/api.ts';
import type { ConsoleModel } from './model.ts';
import { PRESENCE_LABELS } from './team.ts';
import type { DeskView } from '../desk/desk.ts';
import { supervises } from '../../../objects/rules/ranks.ts';

/** Which Help Desk list a view is (a group view is the same list whichever group it shows). */
function deskKey(view: DeskView): string {
  switch (view.kind) {
    case 'tickets':
      return `tickets:${view.view}`;
    case 'tasks':
      return view.groupId === null ? 'tasks:mine' : 'tasks:group';
    case 'calls':
      return `calls:${view.by}`;
  }
}
import { type ChatView, GLOBAL, GROUP_STATE_LABELS, type GroupState, groupView, OWN_VIEWS, sameView, viewKey } from '../lists/views.ts';

const GROUP_STATES: readonly GroupState[] = ['active', 'inactive'];

/** How many chats a view has, when the counts say (My Completed has no count). */
function countOf(view: ChatView, counts: ChatCounts | null, global: number): number | null {
  if (counts === null) return null;
  switch (view.view) {
    case 'my-active':
      return counts.myActive;
    case 'queued':
      return counts.queued;
    case 'group':
      return counts.groups[view.groupId]?.[view.state] ?? 0;
    case 'global':
      return global;
    case 'my-completed':
      return null;
  }
}

export function Nav({ model }: { model: ConsoleModel }) {
  const current = model.screen.value === 'chats' ? model.list.view.value : null;
  const groups = model.groups.value;
  const team = model.team.list.value;
  const queued = model.queueCount.value;
  const counts = model.counts.counts.value;
  const global = model.counts.global.value;
  const onAdmin = model.screen.value === 'admin';
  const onMessages = model.screen.value === 'messages';
  const onSearch = model.screen.value === 'search';
  const openMessages = model.messages.openCount.value;
  const onDesk = model.screen.value === 'desk' ? model.desk.view.value : null;
  const firstGroup = groups[0]?.id;
  const deskViews: { label: string; view: DeskView }[] = [
    { label: 'My Tickets', view: { kind: 'tickets', view: 'mine' } },
    ...(firstGroup ? [{ label: 'Group Tickets', view: { kind: 'tickets', view: 'group', groupId: onDesk?.kind === 'tickets' && onDesk.view === 'group' ? onDesk.groupId : firstGroup } } as const] : []),
    ...(supervises(model.me.agent.role) ? [{ label: 'All Tickets', view: { kind: 'tickets', view: 'all', status: null } } as const] : []),
    { label: 'My Tasks', view: { kind: 'tasks', state: 'open', groupId: null } },
    ...(firstGroup ? [{ label: 'Group Tasks', view: { kind: 'tasks', state: 'open', groupId: onDesk?.kind === 'tasks' && onDesk.groupId !== null ? onDesk.groupId : firstGroup } } as const] : []),
    { label: 'My Call Logs', view: { kind: 'calls', by: 'agent', agentId: null } },
    ...(firstGroup ? [{ label: 'Group Call Logs', view: { kind: 'calls', by: 'group', groupId: onDesk?.kind === 'calls' && onDesk.by === 'group' ? onDesk.groupId : firstGroup } } as const] : []),
  ];

  const item = (view: ChatView, label: ComponentChildren) => {
    const here = current !== null && sameView(current, view);
    const count = countOf(view, counts, global);
    // The count is read as the button's description, so the button's name stays its label.
    const countId = `nav-count-${viewKey(view).replace(/[^\w-]/g, '_')}`;
    return (
      <>
        <button
          type="button"
          class={here ? 'current' : undefined}
          aria-current={here ? 'page' : undefined}
          aria-describedby={count === null ? undefined : countId}
          onClick={() => model.showView(view)}
        >
          <span class="nav-label">{label}</span>
          {count === null ? null : (
            <span class={`count ${view.view === 'queued' && count > 0 ? 'count-waiting' : ''}`} aria-hidden="true" data-count={count}>
              {count}
            </span>
          )}
        </button>
        {count === null ? null : (
          <span id={countId} class="sr-only">
            {count === 1 ? '1 chat' : `${count} chats`}
          </span>
        )}
      </>
    );
  };

  return (
    <nav class="nav" id="console-nav" aria-label="Live chats">
      <h2 class="nav-title">Live Chats</h2>
      <ul class="nav-own">
        {OWN_VIEWS.map(({ view, label }) => (
          <li key={view.view}>{item(view, label)}</li>
        ))}
      </ul>
      <p class="sr-only" aria-live="polite">
        {queued === 1 ? '1 chat waiting in the queue' : `${queued} chats waiting in the queue`}
      </p>

      <h2 class="nav-title">My Groups</h2>
      {groups.length === 0 ? <p class="nav-none">You are not in any group yet.</p> : null}
      <ul class="nav-groups">
        {groups.map((group) => (
          <li key={group.id}>
            <span class="nav-group" aria-hidden="true">
              {group.name}
            </span>
            <ul>
              {GROUP_STATES.map((state) => (
                <li key={state}>
                  {item(
                    groupView(group.id, state),
                    <>
                      <span class="sr-only">{group.name} </span>
                      {GROUP_STATE_LABELS[state]}
                    </>,
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <ul class="nav-own">
        <li>{item(GLOBAL, 'Global Live Chats')}</li>
      </ul>

      <ul class="nav-own">
        <li>
          <button
            type="button"
            class={onMessages ? 'current' : undefined}
            aria-current={onMessages ? 'page' : undefined}
            aria-describedby={openMessages === null ? undefined : 'nav-count-messages'}
            onClick={() => model.showMessages()}
          >
            <span class="nav-label">Messages</span>
            {openMessages === null ? null : (
              <span class={`count ${openMessages > 0 ? 'count-waiting' : ''}`} aria-hidden="true" data-count={openMessages}>
                {openMessages}
              </span>
            )}
          </button>
          {openMessages === null ? null : (
            <span id="nav-count-messages" class="sr-only">
              {openMessages === 1 ? '1 open message' : `${openMessages} open messages`}
            </span>
          )}
        </li>
        <li>
          {/* Back to the last search and its results (the top bar's box starts a new one). */}
          <button type="button" class={onSearch ? 'current' : undefined} aria-current={onSearch ? 'page' : undefined} onClick={() => model.showSearch()}>
            <span class="nav-label">Search</span>
          </button>
        </li>
      </ul>

      <h2 class="nav-title">Help Desk</h2>
      <ul class="nav-own">
        {deskViews.map(({ label, view }) => {
          const here = onDesk !== null && deskKey(onDesk) === deskKey(view);
          return (
            <li key={label}>
              <button type="button" class={here ? 'current' : undefined} aria-current={here ? 'page' : undefined} onClick={() => model.showDesk(view)}>
                {label}
              </button>
            </li>
          );
        })}
      </ul>

      {model.admin ? (
        <ul class="nav-own">
          <li>
            <button
              type="button"
              class={onAdmin ? 'current' : undefined}
              aria-current={onAdmin ? 'page' : undefined}
              onClick={() => model.showAdmin()}
            >
              Administration
            </button>
          </li>
        </ul>
      ) : null}

      {team.length > 0 ? (
        <>
          <h2 class="nav-title">Team</h2>
          <ul class="team" aria-label="Team">
            {team.map((member) => (
              <li key={member.id} data-agent-id={member.id}>
                <span class={`dot dot-${member.presence}`} aria-hidden="true" /> {member.name}{' '}
                <span class="sr-only">({PRESENCE_LABELS[member.presence]})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
