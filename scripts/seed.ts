// Demo people, groups and manual events for a local run, so a newcomer can sign in and try them
// straight away. Every row has
// a fixed id and is inserted with INSERT OR IGNORE, so seeding twice changes nothing and never
// overwrites what someone edited since (a changed password stays changed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../worker/auth/password.ts';
import type { ManualAction } from '../objects/rules/manual-events.ts';
import type { LocalState } from './migrate.ts';
import { persistArgs, runWrangler } from './process.ts';

/** The password of every demo account. Local demo data only; never seed it anywhere real. */
export const DEMO_PASSWORD = 'switchboard-demo';

export interface DemoAgent {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
  groups: string[];
}

export const DEMO_GROUPS = [
  { id: 'sales', name: 'Sales' },
  { id: 'support', name: 'Support' },
] as const;

export const DEMO_AGENTS: readonly DemoAgent[] = [
  { id: 'demo-admin', email: 'admin@switchboard.local', name: 'Ada Admin', role: 'admin', groups: ['sales', 'support'] },
  { id: 'demo-alice', email: 'alice@switchboard.local', name: 'Alice Agent', role: 'agent', groups: ['sales', 'support'] },
  { id: 'demo-bob', email: 'bob@switchboard.local', name: 'Bob Agent', role: 'agent', groups: ['support'] },
];

/**
 * Manual events under Actions (…): an escalation (a comment, a follow-up and a transfer), an
 * email to the customer from a template, and a webhook to a receiver on this machine (start any
 * HTTP server on port 8790 to see it arrive signed; without one, History shows the retries
 * failing and the final failure).
 */
export const DEMO_MANUAL_EVENTS: readonly { id: string; name: string; groups: string[]; actions: ManualAction[] }[] = [
  {
    id: 'demo-escalate',
    name: 'Escalate to Support',
    groups: ['sales'],
    actions: [
      { type: 'add-comment', kind: 'general', text: 'Escalated by {{agent.name}}: {{customer.first_name|the customer}} needs a specialist.' },
      { type: 'follow-up', inMinutes: 120, comment: 'Check that Support helped {{customer.name}}.' },
      { type: 'transfer', to: { kind: 'group', groupId: 'support' } },
    ],
  },
  {
    id: 'demo-email-summary',
    name: 'Email the customer a summary',
    groups: ['sales', 'support'],
    actions: [
      {
        type: 'send-email',
        to: 'customer',
        subject: 'Your chat with {{group.name}}',
        body: 'Hello {{customer.first_name|there}},\n\nThank you for chatting with {{agent.name}}. Your reference is {{chat.id}}.\n\nSwitchboard demo',
      },
      { type: 'add-comment', kind: 'general', text: 'Summary emailed to {{customer.email}}.' },
    ],
  },
  {
    id: 'demo-notify-crm',
    name: 'Notify CRM',
    groups: ['sales', 'support'],
    actions: [{ type: 'webhook', url: 'http://127.0.0.1:8790/switchboard' }],
  },
];

/** A SQL string literal. The values are our own constants, but quoting stays correct anyway. */
function sql(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/**
 * The seed as SQL statements. Each agent's hash is computed here (a fresh salt each time); when
 * the agent already exists the INSERT OR IGNORE drops it, so the stored hash never changes.
 */
export async function buildSeedSql(now = Date.now(), password = DEMO_PASSWORD): Promise<string> {
  const lines = ['-- Switchboard demo data (scripts/seed.ts). Safe to run again.'];
  for (const g of DEMO_GROUPS) {
    lines.push(`INSERT OR IGNORE INTO groups (id, name, created_at) VALUES (${sql(g.id)}, ${sql(g.name)}, ${now});`);
  }
  for (const a of DEMO_AGENTS) {
    const hash = await hashPassword(password);
    lines.push(
      'INSERT OR IGNORE INTO agents (id, email, name, password_hash, role, disabled, created_at) ' +
        `VALUES (${sql(a.id)}, ${sql(a.email)}, ${sql(a.name)}, ${sql(hash)}, ${sql(a.role)}, 0, ${now});`,
    );
  }
  for (const a of DEMO_AGENTS) {
    for (const g of a.groups) {
      lines.push(`INSERT OR IGNORE INTO memberships (agent_id, group_id) VALUES (${sql(a.id)}, ${sql(g)});`);
    }
  }
  for (const e of DEMO_MANUAL_EVENTS) {
    lines.push(
      'INSERT OR IGNORE INTO manual_events (id, name, actions, created_at, updated_at) ' +
        `VALUES (${sql(e.id)}, ${sql(e.name)}, ${sql(JSON.stringify(e.actions))}, ${now}, ${now});`,
    );
    for (const g of e.groups) {
      lines.push(`INSERT OR IGNORE INTO manual_event_groups (event_id, group_id) VALUES (${sql(e.id)}, ${sql(g)});`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the demo data into the local D1 database (after applyMigrations). */
export async function seedDemoData({ persistTo, quiet }: LocalState = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-seed-'));
  const file = join(dir, 'seed.sql');
  try {
    writeFileSync(file, await buildSeedSql());
    await runWrangler(['d1', 'execute', 'DB', '--local', ...persistArgs(persistTo), '--file', file], { quiet });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
