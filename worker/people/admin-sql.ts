// The administrator's changes to people and groups, as plain SQL with parameters, shared by the
// admin HTTP routes (run through the D1 binding) and `npm run admin` (run through
// `wrangler d1 execute`). The rules that protect the deployment are guards inside each statement,
// so they hold however the change arrives: a group never loses its last member, the deployment
// never loses its last enabled administrator. A refused change returns no row (RETURNING).
import type { StaffRank } from '../../objects/protocol.ts';

export type SqlValue = string | number | null;
export interface Query {
  sql: string;
  params: SqlValue[];
}

const q = (sql: string, ...params: SqlValue[]): Query => ({ sql, params });

/** Another enabled administrator exists besides ?1. */
const ANOTHER_ADMIN = `(SELECT COUNT(*) FROM agents WHERE role = 'admin' AND disabled = 0 AND id <> ?1) > 0`;
/** ?1 is not the only enabled member of any group. */
const NOT_SOLE_MEMBER = `NOT EXISTS (
  SELECT 1 FROM memberships m WHERE m.agent_id = ?1 AND NOT EXISTS (
    SELECT 1 FROM memberships o JOIN agents oa ON oa.id = o.agent_id
     WHERE o.group_id = m.group_id AND o.agent_id <> ?1 AND oa.disabled = 0))`;

export { DEFAULT_MAX_CHATS } from '../../objects/protocol.ts';

/** Whether group ?1 has an open (or pending) ticket or an open task. */
const OPEN_ITEMS = `SELECT 1 AS one FROM tickets WHERE group_id = ?1 AND status IN ('open', 'pending')
  UNION ALL SELECT 1 AS one FROM tasks WHERE group_id = ?1 AND done_at IS NULL`;

export const people = {
  createAgent(a: { id: string; email: string; name: string; role: StaffRank; passwordHash: string; maxChats: number; now: number }) {
    return q(
      `INSERT INTO agents (id, email, name, password_hash, role, max_chats, disabled, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7) ON CONFLICT (email) DO NOTHING RETURNING id`,
      a.id,
      a.email.trim().toLowerCase(),
      a.name,
      a.passwordHash,
      a.role,
      a.maxChats,
      a.now,
    );
  },

  /** Disabling is refused for the last enabled administrator and for a group's last enabled member. */
  setDisabled(agentId: string, disabled: boolean) {
    return disabled
      ? q(
          `UPDATE agents SET disabled = 1 WHERE id = ?1
             AND (role <> 'admin' OR ${ANOTHER_ADMIN}) AND ${NOT_SOLE_MEMBER} RETURNING id`,
          agentId,
        )
      : q(`UPDATE agents SET disabled = 0 WHERE id = ?1 RETURNING id`, agentId);
  },

  /** Changing the last enabled administrator to a lesser role is refused. */
  setRole(agentId: string, role: StaffRank) {
    return q(
      `UPDATE agents SET role = ?2 WHERE id = ?1 AND (?2 = 'admin' OR role <> 'admin' OR disabled = 1 OR ${ANOTHER_ADMIN})
       RETURNING id`,
      agentId,
      role,
    );
  },

  setPassword(agentId: string, passwordHash: string) {
    return q(`UPDATE agents SET password_hash = ?2 WHERE id = ?1 RETURNING id`, agentId, passwordHash);
  },

  setProfile(agentId: string, name: string, maxChats: number) {
    return q(`UPDATE agents SET name = ?2, max_chats = ?3 WHERE id = ?1 RETURNING id`, agentId, name, maxChats);
  },

  /** Signs the agent out everywhere (after a disable or a password reset). */
  endSessions(agentId: string) {
    return q(`DELETE FROM sessions WHERE agent_id = ?1`, agentId);
  },

  /** A group is created with its first member, so it is never without one. */
  createGroup(g: { id: string; name: string; now: number }) {
    return q(`INSERT INTO groups (id, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING RETURNING id`, g.id, g.name, g.now);
  },

  renameGroup(groupId: string, name: string) {
    return q(`UPDATE groups SET name = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM groups WHERE name = ?2 AND id <> ?1) RETURNING id`, groupId, name);
  },

  /** Refused while the group has chats waiting or under way. */
  deleteGroup(groupId: string) {
    return q(
      `DELETE FROM groups WHERE id = ?1
         AND NOT EXISTS (SELECT 1 FROM chats WHERE group_id = ?1 AND status IN ('queued', 'active'))
         AND NOT EXISTS (${OPEN_ITEMS}) RETURNING id`,
      groupId,
    );
  },

  /** Open tickets or tasks of the group: deleted with it, they would be in nobody's list. */
  openItemsOf(groupId: string) {
    return q(`${OPEN_ITEMS} LIMIT 1`, groupId);
  },

  /**
   * Adds nothing when the agent or the group does not exist (rather than failing on the foreign
   * key), so a batch that creates an agent and their memberships stays a clean refusal when the
   * agent was not created (email taken).
   */
  addMember(agentId: string, groupId: string) {
    return q(
      `INSERT INTO memberships (agent_id, group_id)
       SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM agents WHERE id = ?1) AND EXISTS (SELECT 1 FROM groups WHERE id = ?2)
       ON CONFLICT DO NOTHING RETURNING agent_id`,
      agentId,
      groupId,
    );
  },

  /** Refused for the group's last enabled member. */
  removeMember(agentId: string, groupId: string) {
    return q(
      `DELETE FROM memberships WHERE agent_id = ?1 AND group_id = ?2
         AND EXISTS (SELECT 1 FROM memberships o JOIN agents oa ON oa.id = o.agent_id
                      WHERE o.group_id = ?2 AND o.agent_id <> ?1 AND oa.disabled = 0)
       RETURNING agent_id`,
      agentId,
      groupId,
    );
  },

  /** Lifts a lock (and the count) that failed sign-ins put on an email. */
  unlockSignIn(email: string) {
    return q(`DELETE FROM sign_in_failures WHERE email = ?1 RETURNING email`, email.trim().toLowerCase());
  },

  findAgentByEmail(email: string) {
    return q(`SELECT id, email, name, role, disabled FROM agents WHERE email = ?1`, email.trim().toLowerCase());
  },

  findGroup(ref: string) {
    return q(`SELECT id, name FROM groups WHERE id = ?1 OR name = ?1 ORDER BY id = ?1 DESC LIMIT 1`, ref);
  },

  listAgents() {
    return q(
      `SELECT a.id, a.email, a.name, a.role, a.disabled, a.max_chats AS maxChats,
              COALESCE((SELECT group_concat(g.name, ', ') FROM memberships m JOIN groups g ON g.id = m.group_id
                         WHERE m.agent_id = a.id), '') AS groups,
              COALESCE((SELECT json_group_array(m.group_id) FROM memberships m WHERE m.agent_id = a.id), '[]') AS groupIds,
              COALESCE((SELECT f.locked_until FROM sign_in_failures f WHERE f.email = a.email), 0) AS lockedUntil
         FROM agents a ORDER BY a.email`,
    );
  },

  listGroups() {
    return q(
      `SELECT g.id, g.name,
              (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id) AS members,
              COALESCE((SELECT group_concat(a.email, ', ') FROM memberships m JOIN agents a ON a.id = m.agent_id
                         WHERE m.group_id = g.id), '') AS memberEmails,
              COALESCE((SELECT json_group_array(m.agent_id) FROM memberships m WHERE m.group_id = g.id), '[]') AS memberIds
         FROM groups g ORDER BY g.name`,
    );
  },

  agentExists(agentId: string) {
    return q(`SELECT 1 AS found FROM agents WHERE id = ?1`, agentId);
  },

  groupExists(groupId: string) {
    return q(`SELECT 1 AS found FROM groups WHERE id = ?1`, groupId);
  },

  emailOf(agentId: string) {
    return q(`SELECT email FROM agents WHERE id = ?1`, agentId);
  },

  memberIdsOf(groupId: string) {
    return q(`SELECT agent_id AS id FROM memberships WHERE group_id = ?1`, groupId);
  },

  isMember(agentId: string, groupId: string) {
    return q(`SELECT 1 AS found FROM memberships WHERE agent_id = ?1 AND group_id = ?2`, agentId, groupId);
  },

  groupIdsOf(agentId: string) {
    return q(`SELECT group_id AS id FROM memberships WHERE agent_id = ?1`, agentId);
  },
};

/**
 * Inlines the parameters as SQL literals, for `wrangler d1 execute --command`, which takes none.
 * `raw` replaces parameter N with an SQL expression instead (the CLI names an agent by a
 * sub-select on their email, so one command both finds and changes).
 */
export function inlineSql(query: Query, raw: Partial<Record<number, string>> = {}): string {
  return query.sql.replace(/\?(\d+)/g, (_, n: string) => raw[Number(n)] ?? literal(query.params[Number(n) - 1]));
}

/** An SQL string literal, quotes doubled. */
export function literal(value: SqlValue | undefined): string {
  if (value === undefined) throw new Error('missing SQL parameter');
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('SQL numbers must be finite');
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}
