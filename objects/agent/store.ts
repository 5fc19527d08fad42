// What an agent's hub needs from D1: the agent's rights as they are now, and a task as it is now
// (a reminder is sent only for a task still open, still theirs, still due then). Implemented by
// the Worker's database layer (worker/people/rights.ts) and handed over in worker/index.ts.
import type { StaffRights } from '../identity.ts';

export interface TaskNow {
  assigneeId: string;
  groupId: string;
  title: string;
  dueAt: number | null;
  doneAt: number | null;
}

export interface RightsStore {
  rightsOf(agentId: string, now: number): Promise<StaffRights>;
  taskNow(taskId: string): Promise<TaskNow | null>;
}
