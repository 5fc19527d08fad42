// What a lobby piece needs from D1, as an interface (worker/lobby/store.ts implements it): where it
// records how many of its group's agents are online, for the widget to read in one query, and
// finds which chats a console shows are the group's open chats.
import type { PieceKey } from './pieces.ts';

export interface LobbyStore {
  /** This piece has `online` agents online (not away) as of `at`. */
  recordOnline(piece: PieceKey, online: number, at: number): Promise<void>;
  /** Which of these chat ids are chats of the group that have not ended. */
  openChatsOf(groupId: string, chatIds: readonly string[]): Promise<string[]>;
}
