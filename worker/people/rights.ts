// The agent hub's D1 access (objects/agent/store.ts): an agent's rank, groups and live sessions,
// read together in one batch (one round trip); a task, for its reminder.
import { and, eq, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { RightsStore } from '../../objects/agent/store.ts';
import { agents, memberships, sessions, tasks } from '../db/schema.ts';

export function rightsStore(db: D1Database): RightsStore {
  const orm = drizzle(db);
  return {
    async rightsOf(agentId, now) {
      const [found, groups, live] = await orm.batch([
        orm.select({ name: agents.name, role: agents.role, disabled: agents.disabled }).from(agents).where(eq(agents.id, agentId)).limit(1),
        orm.select({ groupId: memberships.groupId }).from(memberships).where(eq(memberships.agentId, agentId)),
        orm.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.agentId, agentId), gt(sessions.expiresAt, now))),
      ]);
      const agent = found[0];
      if (!agent) return { agentId, name: '', rank: null, groupIds: [], sessionIds: [] };
      return {
        agentId,
        name: agent.name,
        rank: agent.disabled ? null : agent.role,
        groupIds: groups.map((g) => g.groupId),
        sessionIds: live.map((s) => s.id),
      };
    },
    async taskNow(taskId) {
      const rows = await orm
        .select({ assigneeId: tasks.assigneeId, groupId: tasks.groupId, title: tasks.title, dueAt: tasks.dueAt, doneAt: tasks.doneAt })
        .from(tasks)
        .where(eq(tasks.id, taskId))
        .limit(1);
      return rows[0] ?? null;
    },
  };
}
