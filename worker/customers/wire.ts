// The bodies of the customer routes (the user-details pop-out, organizations, privacy), defined
// once: routes check what they send with `satisfies`, the console imports these types.
import type { CallDirection, TicketStatus } from '../../objects/rules/items.ts';
import type { StatisticsWindow } from '../../objects/rules/customers.ts';

export interface OrganizationRef {
  id: string;
  name: string;
  domain: string | null;
}

export interface Customer {
  id: string;
  name: string;
  /** Their first address, then the others (a merge adds the merged customer's). */
  emails: string[];
  organization: OrganizationRef | null;
  /** An organization whose domain is this customer's, when none is assigned. */
  suggestedOrganization: OrganizationRef | null;
  timeZone: string | null;
  timeZoneByStaff: boolean;
  language: string | null;
  languageByStaff: boolean;
  website: string;
  homePhone: string;
  workPhone: string;
  mobilePhone: string;
  address: string;
  subscribed: boolean;
  customFields: Record<string, string>;
  externalId: string | null;
  verifiedAt: number | null;
  lastSignInAt: number | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface CustomerComment {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  sticky: boolean;
  createdAt: number;
}

export interface CustomerTicket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  groupName: string;
  agentName: string | null;
  /** Entries in its thread. */
  messages: number;
  createdAt: number;
  updatedAt: number;
}

export interface CustomerChat {
  id: string;
  status: 'queued' | 'active' | 'ended';
  groupId: string;
  groupName: string;
  agentName: string | null;
  startedAt: number;
  /** How long it waited to be taken (ms), once taken. */
  queueMs: number | null;
  endedAt: number | null;
  messageCount: number;
  /** Started with a valid signed identity. */
  verified: boolean;
}

export interface CustomerCall {
  id: string;
  number: number;
  phone: string;
  direction: CallDirection;
  groupId: string;
  groupName: string;
  agentName: string;
  startedAt: number;
  durationSeconds: number;
}

export interface CustomerSurvey {
  chatId: string;
  name: string;
  rating: number;
  comment: string;
  groupName: string;
  createdAt: number;
}

export type CustomerForm =
  | { kind: 'pre-chat'; chatId: string; groupName: string; fields: Record<string, string>; at: number }
  | { kind: 'offline-message'; id: string; groupName: string; message: string; fields: Record<string, string>; handled: boolean; at: number };

export type StatisticsRow = Record<StatisticsWindow, number>;

export interface CustomerStatistics {
  tickets: StatisticsRow;
  liveChats: StatisticsRow;
  calls: StatisticsRow;
  timeLogs: StatisticsRow;
}

export interface CustomerHistory {
  firstSeenAt: number;
  lastSeenAt: number;
  lastChatAt: number | null;
  lastTicketAt: number | null;
  lastCallAt: number | null;
  lastMessageLeftAt: number | null;
  lastSignInAt: number | null;
}

/** GET /api/customers/:id: everything the pop-out's tabs show, as far as the caller's groups go. */
export interface CustomerDetailsResponse {
  customer: Customer;
  /** How they authenticated: a signed identity from the website, or an address they typed. */
  authentication: 'verified' | 'unverified';
  roles: string[];
  comments: CustomerComment[];
  tickets: CustomerTicket[];
  chats: CustomerChat[];
  calls: CustomerCall[];
  surveys: CustomerSurvey[];
  forms: CustomerForm[];
  statistics: CustomerStatistics;
  history: CustomerHistory;
}

/** GET /api/customers/lookup?email=…: the customer an address belongs to. */
export interface CustomerLookupResponse {
  customerId: string;
}

/** GET /api/chats/:id/customer: who the chat's customer is, for the chat's header. */
export interface ChatCustomerResponse {
  customerId: string | null;
  name: string;
  email: string;
  verified: boolean;
  stickyComments: CustomerComment[];
}

export interface CustomerEditBody {
  name?: string;
  /** null: back to the browser's own value. */
  timeZone?: string | null;
  language?: string | null;
  website?: string;
  homePhone?: string;
  workPhone?: string;
  mobilePhone?: string;
  address?: string;
  subscribed?: boolean;
  customFields?: Record<string, string>;
  organizationId?: string | null;
}

export interface CustomerCommentBody {
  text: string;
  sticky?: boolean;
}

export interface CustomerMergeBody {
  /** The customer merged into this one (and then gone). */
  customerId: string;
}

export interface OrganizationBody {
  name: string;
  domain?: string | null;
}

export interface OrganizationListResponse {
  organizations: OrganizationRef[];
}

export interface OrganizationMember {
  id: string;
  name: string;
  email: string;
  chats: number;
  tickets: number;
  calls: number;
  lastSeenAt: number;
}

export interface OrganizationResponse {
  organization: OrganizationRef;
  customers: OrganizationMember[];
}

/** The widget: a verified customer's earlier chats (never an unverified visitor's). */
export interface VisitorHistoryResponse {
  chats: { id: string; groupName: string; startedAt: number; endedAt: number | null }[];
}
