// A person's console preferences on the wire (GET/PUT /api/me/preferences), defined once: the
// route validates against these, the console imports the types. Each section is optional: a PUT
// changes only the sections it names. The notification choices themselves are objects/rules/preferences.ts.
import type { ColumnId } from '../../objects/protocol.ts';
import type { NotifyChannels, NotifyEvent } from '../../objects/rules/preferences.ts';

export type { NotifyChannels, NotifyEvent } from '../../objects/rules/preferences.ts';

export interface Preferences {
  /** The visible list columns, in the seed's order, with their widths (Visible Fields). */
  columns?: { id: ColumnId; width: number }[];
  /** The list's share of the console beside or above an open chat, in percent (the dragged split); null: the layout's own. */
  listShare?: number | null;
  /** Open a new chat in my groups in a pop-out window by itself. */
  popoutNewChats?: boolean;
  /** Every event the person chose for (those added later may be missing from older choices: their defaults apply). */
  notifications?: Partial<Record<NotifyEvent, NotifyChannels>>;
}

export interface PreferencesResponse {
  preferences: Preferences;
}
