// The Administration page (administrators only): People and Groups, each with its table, its
// "Add" form and one alert region where the server's refusals are shown in its own words; then
// the customer-side content (Knowledge base, Chat links, Custom fields), loaded in this same chunk;
// the manual events agents run from a chat's Actions (…) menu; and the chat settings. A section
// navigation at the top moves the keyboard's focus (and the view) to each section's heading.
import { useEffect, useMemo } from 'preact/hooks';
import { ChatLinksSection } from './ChatLinksSection.tsx';
import { ChatSettingsSection } from './ChatSettingsSection.tsx';
import { createContent } from './content.ts';
import { CustomFieldsSection } from './CustomFieldsSection.tsx';
import { KnowledgeBaseSection } from './KnowledgeBaseSection.tsx';
import { ManualEventsSection } from '../manual-events/ManualEventsSection.tsx';
import type { AdminModel, AdminSection } from './model.ts';
import { AddGroupForm } from './AddGroupForm.tsx';
import { AddPersonForm } from './AddPersonForm.tsx';
import { GroupsTable } from './GroupsTable.tsx';
import { PeopleTable } from './PeopleTable.tsx';
import './admin.css';

/** The page's sections, by the id of their heading, in page order. */
export const ADMIN_SECTIONS: readonly { id: string; label: string }[] = [
  { id: 'admin-people', label: 'People' },
  { id: 'admin-groups', label: 'Groups' },
  { id: 'admin-kb', label: 'Knowledge base' },
  { id: 'admin-links', label: 'Chat links' },
  { id: 'admin-fields', label: 'Custom fields' },
  { id: 'admin-manual-events', label: 'Manual events' },
  { id: 'admin-chat-settings', label: 'Chat settings' },
];

function goTo(event: Event, id: string): void {
  event.preventDefault();
  const heading = document.getElementById(id);
  if (!heading) return;
  heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function AdminPage({ admin }: { admin: AdminModel }) {
  const content = useMemo(() => createContent(), [admin]);
  useEffect(() => void content.load(), [content]);
  return (
    <div class="admin">
      <h1>Administration</h1>
      <nav class="admin-sections" aria-label="Administration sections">
        <ul>
          {ADMIN_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} onClick={(event) => goTo(event, s.id)}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="sr-only" role="status">
        {admin.announcement.value}
      </p>
      <section class="admin-section" aria-labelledby="admin-people">
        <h2 id="admin-people">People</h2>
        <Refusal admin={admin} section="people" />
        <PeopleTable admin={admin} />
        <AddPersonForm admin={admin} />
      </section>
      <section class="admin-section" aria-labelledby="admin-groups">
        <h2 id="admin-groups">Groups</h2>
        <Refusal admin={admin} section="groups" />
        <GroupsTable admin={admin} />
        <AddGroupForm admin={admin} />
      </section>
      <p class="sr-only" role="status">
        {content.announcement.value}
      </p>
      <KnowledgeBaseSection content={content} />
      <ChatLinksSection content={content} groups={admin.groups.value} />
      <CustomFieldsSection content={content} />
      <ManualEventsSection groups={admin.groups.value} agents={admin.agents.value} fields={content.fields.value} />
      <ChatSettingsSection />
    </div>
  );
}

/** The section's last refusal; it stays until dismissed or the next change in the section. */
function Refusal({ admin, section }: { admin: AdminModel; section: AdminSection }) {
  const message = admin.errors[section].value;
  if (message === null) return null;
  return (
    <p class="notice" role="alert">
      {message}{' '}
      <button type="button" class="link" onClick={() => admin.dismissError(section)}>
        Dismiss
      </button>
    </p>
  );
}
