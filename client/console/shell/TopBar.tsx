// The console's header: the brand, whether the live lobby is connected, my presence (Online or
// Away) and the account menu with My Preferences, Sign out and Sign out everywhere (every
// browser, every tab).
import { useState } from 'preact/hooks';
import { PreferencesDialog } from './PreferencesDialog.tsx';
import { CannedManagerDialog } from '../canned/CannedManager.tsx';
import type { ConnectionState } from '../../shared/socket.ts';
import type { ConsoleModel } from './model.ts';
import type { Session } from './sign-in.ts';
import { RANK_LABELS } from '../admin/rules.ts';

export interface TopBarProps {
  model: ConsoleModel;
  session: Session;
  /** On a narrow screen the navigation folds away behind the Menu button. */
  navOpen: boolean;
  onToggleNav(): void;
}

/**
 * A choice in the account menu: the menu closes and its toggle takes focus before the dialog
 * opens, so closing the dialog gives focus back to the toggle (not to a button hidden in a closed menu).
 */
function closeMenuThen(item: HTMLElement, open: () => void): void {
  const menu = item.closest('details');
  if (menu) {
    menu.open = false;
    menu.querySelector('summary')?.focus();
  }
  open();
}

export function TopBar({ model, session, navOpen, onToggleNav }: TopBarProps) {
  const { agent } = model.me;
  const mine = model.team.mine.value;
  const live = model.lobbyState.value;
  const signOutError = session.signOutError.value;
  const [preferences, setPreferences] = useState(false);
  const [canned, setCanned] = useState(false);

  return (
    <header class="topbar">
      <button type="button" class="nav-toggle" aria-expanded={navOpen ? 'true' : 'false'} aria-controls="console-nav" onClick={onToggleNav}>
        Menu
      </button>
      <p class="brand">
        <span class="brand-mark" aria-hidden="true" /> Switchboard
      </p>
      <p class={`live live-${live}`} aria-live="polite">
        <span class="live-dot" aria-hidden="true" />
        {liveText(live)}
      </p>
      <form
        role="search"
        aria-label="Search everything"
        class="top-search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = new FormData(event.currentTarget).get('q');
          model.showSearch(typeof q === 'string' ? q : '');
        }}
      >
        <label class="sr-only" for="top-search">
          Search chats, tickets, call logs, customers and articles
        </label>
        <input id="top-search" name="q" type="search" maxLength={200} placeholder="Search…" />
        <button type="submit">Search</button>
      </form>
      <label class="presence-pick">
        <span class={`dot dot-${mine}`} aria-hidden="true" />
        <span class="sr-only">My status</span>
        <select
          value={mine === 'away' ? 'away' : 'online'}
          disabled={live !== 'open'}
          onChange={(event) => model.setPresence(event.currentTarget.value === 'away' ? 'away' : 'online')}
        >
          <option value="online">Online</option>
          <option value="away">Away</option>
        </select>
      </label>
      <details
        class="account"
        onKeyDown={(event) => {
          // Escape closes the menu and gives focus back to its toggle, as a menu button does.
          const menu = event.currentTarget;
          if (event.key !== 'Escape' || !menu.open) return;
          menu.open = false;
          menu.querySelector('summary')?.focus();
        }}
      >
        <summary>
          {agent.name} <span class="role">{RANK_LABELS[agent.role]}</span>
        </summary>
        <div class="account-menu">
          <p class="account-email">{agent.email}</p>
          <button type="button" onClick={(event) => closeMenuThen(event.currentTarget, () => setPreferences(true))}>
            My Preferences…
          </button>
          <button type="button" onClick={(event) => closeMenuThen(event.currentTarget, () => setCanned(true))}>
            Canned Replies…
          </button>
          <button type="button" onClick={() => void session.signOut()}>
            Sign out
          </button>
          <button type="button" onClick={() => void session.signOutEverywhere()}>
            Sign out everywhere
          </button>
          {signOutError ? (
            <p class="notice" role="alert">
              {signOutError}
            </p>
          ) : null}
        </div>
      </details>
      {preferences ? <PreferencesDialog notifications={model.notifications} onClose={() => setPreferences(false)} /> : null}
      {canned ? <CannedManagerDialog me={agent} groups={model.groups.value} onClose={() => setCanned(false)} /> : null}
    </header>
  );
}

function liveText(state: ConnectionState): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'closed':
      return 'Offline';
  }
}
