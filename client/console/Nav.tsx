// The navigation pane, in the seed's order: My Active, My Completed, Queue; each of my groups with
// its Active and Inactive chats; Global Live Chats; Administration for administrators; then the
// team with each colleague's presence. Buttons only: the model decides what each one shows.
import type { ComponentChildren } from 'preact';
import type { ConsoleModel } from './model.ts';
import { PRESENCE_LABELS } from './team.ts';
import { type ChatView, GLOBAL, GROUP_STATE_LABELS, type GroupState, groupView, OWN_VIEWS, QUEUED, sameView } from './views.ts';

const GROUP_STATES: readonly GroupState[] = ['active', 'inactive'];

export function Nav({ model }: { model: ConsoleModel }) {
  const current = model.screen.value === 'chats' ? model.view.value : null;
  const groups = model.groups.value;
  const team = model.team.list.value;
  const queued = model.queueCount.value;
  const onAdmin = model.screen.value === 'admin';

  const item = (view: ChatView, label: ComponentChildren) => {
    const here = current !== null && sameView(current, view);
    return (
      <button
        type="button"
        class={here ? 'current' : undefined}
        aria-current={here ? 'page' : undefined}
        onClick={() => model.showView(view)}
      >
        {label}
      </button>
    );
  };

  return (
    <nav class="nav" aria-label="Live chats">
      <h2 class="nav-title">Live Chats</h2>
      <ul class="nav-own">
        {OWN_VIEWS.map(({ view, label }) => (
          <li key={view.kind}>
            {item(
              view,
              <>
                {label}
                {sameView(view, QUEUED) && queued > 0 ? (
                  <span class="count" aria-hidden="true">
                    {queued}
                  </span>
                ) : null}
              </>,
            )}
          </li>
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
