// Demo people and groups for a local run, so a newcomer can sign in straight away. Every row has
// a fixed id and is inserted with INSERT OR IGNORE, so seeding twice changes nothing and never
// overwrites what someone edited since (a changed password stays changed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../worker/auth/password.ts';
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
