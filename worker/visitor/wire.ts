// The bodies of the customer's side (public config, starting a chat, leaving a message), defined
// once: the routes check what they send with `satisfies`, the widget imports these types.
import type { CustomField } from '../../objects/rules/fields.ts';
import type { ChatLink } from '../content/wire.ts';

/** A group as the widget offers it: `online` agents now (0: nobody will answer soon). */
export interface PublicGroup {
  id: string;
  name: string;
  online: number;
}
/** `GET /api/public/config` */
export interface PublicConfig {
  groups: PublicGroup[];
  fields: CustomField[];
  link: ChatLink | null;
}
/**
 * `GET /api/public/online[?group=<id>]`: whether anyone can answer a chat now (in that group, or
 * in any). Read by the loader on any website, so it is served to every origin.
 */
export interface OnlineAnswer {
  online: boolean;
}
/** `POST /api/visitor/chats` */
export interface NewChat {
  name: string;
  email: string;
  question: string;
  groupId: string;
  /** Custom fields (pre-chat form, widget options); a live chat link's presets win over these. */
  fields?: Record<string, string | number>;
  language?: string;
  link?: string;
  /** The browser's IANA time zone. */
  timeZone?: string;
  /** The browser's own language (the customer's, unless `language` is given). */
  browserLanguage?: string;
  /** A signed identity from the website: its email (and name, if given) are used instead of the form's. */
  identity?: string;
}
export interface CreatedChat {
  chatId: string;
  token: string;
}
/** `POST /api/visitor/messages` */
export interface NewMessage {
  name: string;
  email: string;
  message: string;
  groupId: string;
  fields?: Record<string, string | number>;
  link?: string;
}
/** `POST /api/visitor/chats/:id/transcript-email`: only the chat's own address, if one is named. */
export interface VisitorTranscriptEmailBody {
  email?: string;
}
/** `POST /api/visitor/chats/:id/survey` */
export interface SurveyBody {
  rating: number;
  comment?: string;
}
