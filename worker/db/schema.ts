// The one D1 schema file. drizzle-kit generates `migrations/` from it; landed migrations are
// never edited. Times are milliseconds since the epoch (integers), ids are random strings.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMMENT_KINDS } from '../../objects/protocol.ts';
import { CALL_DIRECTIONS, ITEM_KINDS, TICKET_ENTRY_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../objects/rules/items.ts';

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['agent', 'manager', 'admin'] }).notNull().default('agent'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** The most chats this agent may hold at once; taking or being assigned one more is refused. */
  maxChats: integer('max_chats').notNull().default(5),
  /** The person's console preferences (visible fields and their widths), as JSON. */
  preferences: text('preferences').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
});

export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    agentId: text('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.groupId] }), index('memberships_group').on(t.groupId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token, so a leaked table does not leak sessions. */
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_agent').on(t.agentId)],
);

/** The projection of each chat object: what the lists show. Written by the ChatRoom only. */
export const chats = sqliteTable(
  'chats',
  {
    id: text('id').primaryKey(),
    status: text('status', { enum: ['queued', 'active', 'ended'] }).notNull(),
    groupId: text('group_id').notNull(),
    groupName: text('group_name').notNull(),
    visitorName: text('visitor_name').notNull(),
    visitorEmail: text('visitor_email').notNull(),
    agentId: text('agent_id'),
    agentName: text('agent_name'),
    startedAt: integer('started_at').notNull(),
    takenAt: integer('taken_at'),
    endedAt: integer('ended_at'),
    lastAgentMessageAt: integer('last_agent_message_at'),
    messageCount: integer('message_count').notNull().default(0),
    idleSince: integer('idle_since').notNull().default(0),
    idleLevel: text('idle_level', { enum: ['none', 'normal', 'warning', 'high', 'closed'] }).notNull().default('none'),
    followUpAt: integer('follow_up_at'),
    /** The custom fields given when the chat started (JSON object of strings). */
    customFields: text('custom_fields').notNull().default('{}'),
    language: text('language'),
    /** The chat object's last sequence number when this row was written: older writes never win. */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('chats_agent_status').on(t.agentId, t.status, t.startedAt),
    // Covers the navigation's counts (group, status, agent) without reading the rows.
    index('chats_group_status').on(t.groupId, t.status, t.startedAt, t.agentId),
    // Global Live Chats sorted by start or by customer read these in order and stop after a page.
    index('chats_started').on(t.startedAt),
    index('chats_visitor_name').on(sql`${t.visitorName} COLLATE NOCASE`),
    index('chats_status').on(t.status, t.startedAt),
    // A customer's Live Chats (the user-details pop-out), by their addresses.
    index('chats_visitor_email').on(t.visitorEmail, t.startedAt),
  ],
);

/** Every agent a chat has been assigned to, so My Completed keeps a chat after a transfer. */
export const chatAgents = sqliteTable(
  'chat_agents',
  {
    chatId: text('chat_id').notNull(),
    agentId: text('agent_id').notNull(),
    assignedAt: integer('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.agentId] }), index('chat_agents_agent').on(t.agentId, t.assignedAt)],
);

/** Failed sign-ins per email: slowed down, then locked for a while. */
export const signInFailures = sqliteTable('sign_in_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at').notNull(),
  lockedUntil: integer('locked_until').notNull().default(0),
});

/** Deployment-wide settings an administrator can change (key → JSON value). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Knowledge-base articles. Only published ones are indexed for customers (kb_search, FTS5). */
export const kbArticles = sqliteTable(
  'kb_articles',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** Plain text: it is always shown as text, never as HTML. */
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('kb_articles_status').on(t.status, t.updatedAt)],
);

/** A visitor said an article solved their problem before any chat was created. */
export const kbDeflections = sqliteTable(
  'kb_deflections',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull(),
    groupId: text('group_id').notNull(),
    question: text('question').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('kb_deflections_article').on(t.articleId)],
);

/** Named live chat links: open a chat in a group with preset fields. */
export const chatLinks = sqliteTable('chat_links', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  groupId: text('group_id')
    .notNull()
    .references(() => groups.id, { onDelete: 'cascade' }),
  /** Preset custom fields, JSON object of strings. */
  fields: text('fields').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
});

/** The custom fields an administrator defined for chats (asked in the pre-chat form). */
export const customFields = sqliteTable('custom_fields', {
  key: text('key').primaryKey(),
  label: text('label').notNull(),
  type: text('type', { enum: ['text', 'number', 'select'] }).notNull(),
  required: integer('required', { mode: 'boolean' }).notNull().default(false),
  /** For select fields: the choices, JSON array of strings. */
  options: text('options').notNull().default('[]'),
  position: integer('position').notNull().default(0),
});

/** Files sent in a chat; the bytes are in R2 under `r2_key`. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    chatId: text('chat_id').notNull(),
    r2Key: text('r2_key').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by', { enum: ['visitor', 'agent'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_chat').on(t.chatId)],
);

/** Messages visitors left while no agent of the group was online. */
export const offlineMessages = sqliteTable(
  'offline_messages',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    customFields: text('custom_fields').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
    handledBy: text('handled_by'),
    handledAt: integer('handled_at'),
  },
  (t) => [index('offline_messages_group').on(t.groupId, t.handledAt, t.createdAt), index('offline_messages_email').on(t.email, t.createdAt)],
);

/** Post-chat surveys: one per chat. */
export const surveys = sqliteTable('surveys', {
  chatId: text('chat_id').primaryKey(),
  rating: integer('rating').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: integer('created_at').notNull(),
});

/**
 * How many agents each lobby piece (a group's shard, objects/lobby/pieces.ts) has online, written
 * by the piece when it changes and again every few minutes while anyone is online: the widget
 * reads every group's availability from here in one query instead of calling every piece.
 */
export const groupPresence = sqliteTable(
  'group_presence',
  {
    groupId: text('group_id').notNull(),
    shard: integer('shard').notNull(),
    online: integer('online').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.shard] })],
);

/**
 * Staff comments on chats, as the chat's log holds them now (the log is the truth; the chat object
 * rewrites a chat's rows whenever its comments change). Queried by kind: Resolution comments are
 * what agent assistance suggests for similar chats. Never reachable from a customer's route.
 */
export const chatComments = sqliteTable(
  'chat_comments',
  {
    id: text('id').primaryKey(),
    chatId: text('chat_id').notNull(),
    kind: text('kind', { enum: COMMENT_KINDS }).notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    dueAt: integer('due_at'),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
  },
  (t) => [index('chat_comments_chat').on(t.chatId), index('chat_comments_kind').on(t.kind, t.createdAt)],
);

/**
 * Time spent on chats (the seed's New Time Log): the chat's log holds the truth and the chat object
 * rewrites a chat's rows whenever its time logs change; lists and statistics read them here. A
 * time log on a ticket (no chat) is written here directly.
 */
export const timeLogs = sqliteTable(
  'time_logs',
  {
    id: text('id').primaryKey(),
    chatId: text('chat_id'),
    ticketId: text('ticket_id'),
    groupId: text('group_id').notNull(),
    agentId: text('agent_id').notNull(),
    agentName: text('agent_name').notNull(),
    minutes: integer('minutes').notNull(),
    note: text('note').notNull().default(''),
    billable: integer('billable', { mode: 'boolean' }).notNull().default(false),
    loggedAt: integer('logged_at').notNull(),
  },
  (t) => [index('time_logs_chat').on(t.chatId), index('time_logs_ticket').on(t.ticketId), index('time_logs_agent').on(t.agentId, t.loggedAt)],
);

/**
 * Tickets (the seed's New Ticket): a numbered thread with a customer, in a group, perhaps assigned.
 * Lists: an agent's own open ones, a group's open ones, all of the caller's groups, each indexed
 * so that a page stays fast at 100,000 tickets (npm run bench -- lists).
 */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    subject: text('subject').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    groupId: text('group_id').notNull(),
    agentId: text('agent_id'),
    agentName: text('agent_name'),
    customerName: text('customer_name').notNull(),
    customerEmail: text('customer_email').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    index('tickets_agent_status').on(t.agentId, t.status, t.updatedAt),
    index('tickets_group_status').on(t.groupId, t.status, t.updatedAt),
    index('tickets_customer').on(t.customerEmail),
    // All Tickets walks one of these in its sort's order (ties by id) and stops after a page,
    // instead of sorting every ticket of the caller's groups (measured at 100,000 tickets: 65–77 ms
    // of SQL per first page → about 1 ms; about 12 ms over HTTP). The CASE expressions are
    // TICKET_SORT's, word for word.
    index('tickets_updated').on(t.updatedAt, t.id),
    index('tickets_created').on(t.createdAt, t.id),
    index('tickets_subject').on(sql`${t.subject} COLLATE NOCASE`, t.id),
    index('tickets_customer_name').on(sql`${t.customerName} COLLATE NOCASE`, t.id),
    index('tickets_agent_name').on(sql`${t.agentName} COLLATE NOCASE`, t.id),
    index('tickets_status_rank').on(sql`(CASE ${t.status} WHEN 'open' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END)`, t.id),
    index('tickets_priority_rank').on(sql`(CASE ${t.priority} WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)`, t.id),
  ],
);

/** A ticket's thread: the chat it began as, replies sent to the customer, internal notes. */
export const ticketEntries = sqliteTable(
  'ticket_entries',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    kind: text('kind', { enum: TICKET_ENTRY_KINDS }).notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    /** For a reply: where it was emailed. */
    emailedTo: text('emailed_to'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_entries_ticket').on(t.ticketId, t.createdAt)],
);

/** Tasks (the seed's New Task): something to do by a time, for an agent of a group. */
export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    dueAt: integer('due_at'),
    groupId: text('group_id').notNull(),
    assigneeId: text('assignee_id').notNull(),
    assigneeName: text('assignee_name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    doneAt: integer('done_at'),
  },
  // My Tasks: the assignee's open tasks by due time (overdue first), then the done ones; a
  // group's open tasks the same way (so a task whose assignee left the group is still seen).
  (t) => [index('tasks_assignee').on(t.assigneeId, t.doneAt, t.dueAt), index('tasks_group').on(t.groupId, t.doneAt, t.dueAt)],
);

/** Call logs (the seed's New Call Log): a phone call with a customer, by group and by agent. */
export const callLogs = sqliteTable(
  'call_logs',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    customerName: text('customer_name').notNull(),
    customerEmail: text('customer_email').notNull().default(''),
    phone: text('phone').notNull(),
    direction: text('direction', { enum: CALL_DIRECTIONS }).notNull(),
    startedAt: integer('started_at').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    groupId: text('group_id').notNull(),
    agentId: text('agent_id').notNull(),
    agentName: text('agent_name').notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('call_logs_group').on(t.groupId, t.startedAt),
    index('call_logs_agent').on(t.agentId, t.startedAt),
    index('call_logs_customer').on(t.customerEmail, t.startedAt),
  ],
);

/**
 * Related items: one row each way, so "what is related to X" is one index range whichever side
 * X was on. Written and removed in pairs, in one batch.
 */
export const relations = sqliteTable(
  'relations',
  {
    fromKind: text('from_kind', { enum: ITEM_KINDS }).notNull(),
    fromId: text('from_id').notNull(),
    toKind: text('to_kind', { enum: ITEM_KINDS }).notNull(),
    toId: text('to_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromKind, t.fromId, t.toKind, t.toId] }), index('relations_to').on(t.toKind, t.toId)],
);

/** Organizations customers belong to (assigned by staff; suggested from a customer's email domain). */
export const organizations = sqliteTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** The email domain whose customers are suggested for it ("example.com"), if any. */
  domain: text('domain').unique(),
  createdAt: integer('created_at').notNull(),
});

/**
 * Customers (the seed's Users): found or created by email whenever a chat starts, a message is
 * left, or a ticket or call log names them. Their addresses are `customer_emails` (a merge moves
 * the merged customer's addresses here), and every chat, message, ticket and call log is theirs
 * by its email: nothing is re-pointed when customers merge.
 */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    organizationId: text('organization_id'),
    /** The browser's own values from the widget, unless staff set them (then `*_by_staff`). */
    timeZone: text('time_zone'),
    timeZoneByStaff: integer('time_zone_by_staff', { mode: 'boolean' }).notNull().default(false),
    language: text('language'),
    languageByStaff: integer('language_by_staff', { mode: 'boolean' }).notNull().default(false),
    website: text('website').notNull().default(''),
    homePhone: text('home_phone').notNull().default(''),
    workPhone: text('work_phone').notNull().default(''),
    mobilePhone: text('mobile_phone').notNull().default(''),
    address: text('address').notNull().default(''),
    /** Whether they want news and updates by email (the seed's portal subscriptions). */
    subscribed: integer('subscribed', { mode: 'boolean' }).notNull().default(false),
    /** Custom field values (JSON object of strings): the latest chat's, unless staff edited them. */
    customFields: text('custom_fields').notNull().default('{}'),
    /** The website's own id for them, from a signed identity. */
    externalId: text('external_id'),
    /** When their website first vouched for them (a signed identity), if ever. */
    verifiedAt: integer('verified_at'),
    /** The last chat started with a signed identity: Switchboard's "sign-in". */
    lastSignInAt: integer('last_sign_in_at'),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('customers_organization').on(t.organizationId), index('customers_name').on(sql`${t.name} COLLATE NOCASE`)],
);

/** Every address of a customer, as stored everywhere (trimmed, lower case): the link to their items. */
export const customerEmails = sqliteTable(
  'customer_emails',
  {
    email: text('email').primaryKey(),
    customerId: text('customer_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('customer_emails_customer').on(t.customerId)],
);

/** Staff comments about a customer; a sticky one is shown on every chat of theirs. Staff only. */
export const customerComments = sqliteTable(
  'customer_comments',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    sticky: integer('sticky', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('customer_comments_customer').on(t.customerId, t.createdAt)],
);

/**
 * Chats started with a valid signed identity (identity verification): the address the website
 * vouched for. Only these are shown to a returning verified customer in the widget; a chat
 * without a row here was started with an email the visitor typed.
 */
export const verifiedChats = sqliteTable(
  'verified_chats',
  {
    chatId: text('chat_id').primaryKey(),
    email: text('email').notNull(),
    verifiedAt: integer('verified_at').notNull(),
  },
  (t) => [index('verified_chats_email').on(t.email, t.verifiedAt)],
);

/**
 * Canned replies (the seed's Insert Canned Reply): shared ones written by administrators, a
 * group's, and a person's own. `folder` groups them in the picker; `shortcut` is what an agent
 * types after `#` in the reply box. Files sent with a reply are in R2 (canned_reply_files).
 */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    scope: text('scope', { enum: ['shared', 'group', 'personal'] }).notNull(),
    /** The group's id for a group reply; null otherwise. */
    groupId: text('group_id'),
    /** The owner's agent id for a personal reply; null otherwise. */
    ownerId: text('owner_id'),
    folder: text('folder').notNull().default(''),
    title: text('title').notNull(),
    shortcut: text('shortcut'),
    body: text('body').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('canned_replies_scope').on(t.scope, t.groupId, t.ownerId),
    index('canned_replies_shortcut').on(t.shortcut),
  ],
);

/** Files kept with a canned reply (the bytes in R2 under `canned/<replyId>/<id>`). */
export const cannedReplyFiles = sqliteTable(
  'canned_reply_files',
  {
    id: text('id').primaryKey(),
    replyId: text('reply_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('canned_reply_files_reply').on(t.replyId)],
);

/**
 * Manual events (the seed's Actions → Manual Event): an administrator's named list of actions
 * (JSON, checked by objects/rules/manual-events.ts), usable by the groups in manual_event_groups.
 */
export const manualEvents = sqliteTable('manual_events', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  actions: text('actions').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const manualEventGroups = sqliteTable(
  'manual_event_groups',
  {
    eventId: text('event_id').notNull(),
    groupId: text('group_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.groupId] }), index('manual_event_groups_group').on(t.groupId)],
);

/**
 * Webhook deliveries of manual events: one row per POST, its attempts and outcome. The Queue
 * consumer retries with backoff; the chat's History hears the final outcome.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    runId: text('run_id').notNull(),
    chatId: text('chat_id').notNull(),
    url: text('url').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('webhook_deliveries_chat').on(t.chatId, t.createdAt)],
);

/**
 * Resolutions for agent assistance: a chat's Resolution comments (kept current by the chat's
 * store with its record) and tickets' resolution entries, each with the group it belongs to now.
 * Staff only. Their text is indexed by the FTS5 table resolution_search (external content, kept
 * in step by triggers: migrations/0012_assistance_search.sql); `id` is its rowid.
 */
export const resolutions = sqliteTable(
  'resolutions',
  {
    id: integer('id').primaryKey(),
    source: text('source', { enum: ['chat', 'ticket'] }).notNull(),
    sourceId: text('source_id').notNull(),
    entryId: text('entry_id').notNull().unique(),
    groupId: text('group_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('resolutions_source').on(t.source, t.sourceId)],
);

/**
 * Search (worker/search/): one row per searchable piece of text, with what a result needs to be
 * listed, scoped and opened. Customer-visible text (what a customer was shown: chat messages and
 * files, ticket subjects, replies and the conversation a ticket began as) is in `search_docs`;
 * staff-only text (coaching, chat comments, ticket notes and resolutions, call logs, customers and
 * organizations, survey comments) is in `search_staff_docs`. Two tables and two FTS5 indexes
 * (external content, kept in step by triggers: migrations/0013_search.sql), never a flag on one:
 * no route a customer can reach queries either. `id` is the FTS5 rowid.
 */
function searchDocsTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      /** Never reused (AUTOINCREMENT): a rowid read twice in one search names the same document. */
      id: integer('id').primaryKey({ autoIncrement: true }),
      /** What a result opens: chat, ticket, call, customer or organization. */
      kind: text('kind', { enum: ['chat', 'ticket', 'call', 'customer', 'organization'] }).notNull(),
      /** The chat's, ticket's, call log's, customer's or organization's id. */
      ref: text('ref').notNull(),
      /**
       * Where in it: `m:<seq>` a chat event (message, file, coaching), `c:<id>` a chat comment,
       * `survey`, `subject`, `e:<id>` a ticket entry, `call`, `name`, `email:<address>`.
       */
      part: text('part').notNull(),
      /** The group whose members may find it ('' for customers and organizations). */
      groupId: text('group_id').notNull(),
      at: integer('at').notNull(),
      /** Who wrote it, as shown ('' when nobody did). */
      author: text('author').notNull().default(''),
      body: text('body').notNull(),
    },
    (t) => [
      uniqueIndex(`${name}_part`).on(t.kind, t.ref, t.part),
      index(`${name}_group_at`).on(t.kind, t.groupId, t.at),
      // What a search's window reads of each match FTS5 walks, seeked by id: a tenth of the row's
      // width (no text), so a common word's few thousand matches read far fewer pages than the
      // rows themselves (worker/search/queries.ts names it: SQLite would seek the row by id).
      index(`${name}_window`).on(t.id, t.kind, t.groupId, t.at),
    ],
  );
}
export const searchDocs = searchDocsTable('search_docs');
export const searchStaffDocs = searchDocsTable('search_staff_docs');

/**
 * Each day's first document of a search table (its smallest id: ids only grow), by the document's
 * own time (`at`), written by a trigger as documents go in. Every document of that day or later
 * has a greater id, so a search from a date starts FTS5's walk there (worker/search/queries.ts).
 */
function searchDaysTable<N extends string>(name: N) {
  return sqliteTable(name, {
    /** `at` / 86,400,000 (UTC days). */
    day: integer('day').primaryKey(),
    firstId: integer('first_id').notNull(),
  });
}
export const searchDocsDays = searchDaysTable('search_docs_days');
export const searchStaffDocsDays = searchDaysTable('search_staff_docs_days');
