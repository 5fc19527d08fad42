// Staff ranks and what each may do beyond an agent. Pure; the console's buttons and the chat
// object's decisions ask the same question here.
import type { StaffRank } from '../protocol.ts';

/** Managers and administrators supervise: they may take over, end and transfer others' chats. */
export function supervises(rank: StaffRank | null): boolean {
  return rank === 'manager' || rank === 'admin';
}
