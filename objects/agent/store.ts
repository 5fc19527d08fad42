// What an agent's hub needs from D1: the agent's rights as they are now. Implemented by the
// Worker's database layer (worker/people/rights.ts) and handed over in worker/index.ts.
import type { StaffRights } from '../identity.ts';

export interface RightsStore {
  rightsOf(agentId: string, now: number): Promise<StaffRights>;
}
