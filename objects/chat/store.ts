// What a chat object needs from D1, as an interface: the object decides when; the Worker's
// database layer (worker/chats/store.ts) decides how. The object never writes SQL itself and never
// imports the Worker: worker/index.ts hands each ChatRoom its store.
import type { ChatComment, ChatListRow, TimeLog } from '../protocol.ts';
import type { ChatInfo } from './logic.ts';

export interface ChatStore {
  /** How many chats the agent holds now, and how many they may. */
  agentLoad(agentId: string): Promise<{ active: number; maxChats: number }>;
  /**
   * Upserts the chat's list row (and remembers its agent for My Completed). A write whose
   * `version` is older than the stored row's changes nothing.
   */
  writeRow(row: ChatListRow, info: Pick<ChatInfo, 'fields' | 'language'>): Promise<void>;
  /**
   * Only the row's counters changed (messages): updates them in the stored row, with its version,
   * unless that row is newer. False if there was no row to update (the caller writes it whole).
   */
  writeCounters(row: ChatListRow): Promise<boolean>;
  /** Every D1 row about the chat, all or nothing. */
  deleteChat(chatId: string): Promise<void>;
  /** The administrator's idle thresholds as stored (seconds, as text); missing ones are absent. */
  thresholdSettings(): Promise<Record<string, string>>;
  /** Whether agents may take a chat from a colleague (the administrator's setting; off by default). */
  colleaguesMayTake(): Promise<boolean>;
  /**
   * Makes D1's copy of the chat's record (comments, which assistance and search query; time logs,
   * which lists and statistics count) these, all or nothing.
   */
  replaceRecord(chatId: string, groupId: string, record: { comments: readonly ChatComment[]; timeLogs: readonly TimeLog[] }): Promise<void>;
}
