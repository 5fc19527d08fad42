// Every code an HTTP error may carry, each with what it means: the one list the routes' ApiErrors
// are typed against and that docs/api.md shows (`npm run docs` writes that table; a test checks it).
// A chat object's refusals (objects/protocol.ts ErrorCode) are among them: refusals.ts maps each
// to its status.

export const HTTP_ERROR_CODES = {
  // requests
  invalid_body: 'The JSON body is missing, malformed or has a field out of range (the message names it).',
  invalid_query: 'A query string parameter is missing or out of range (the message says which and what is allowed).',
  unsupported_media_type: 'A JSON body was not sent as application/json.',
  invalid_field: 'A custom field fails its definition (`field` names it).',
  upgrade_required: 'The route is a WebSocket and was not asked for as one.',
  // who is asking
  unauthenticated: 'No valid session: sign in first.',
  bad_credentials: 'Wrong email or password.',
  cross_origin: 'A change or socket from another origin than Switchboard’s own.',
  forbidden: 'Administrators only.',
  bad_token: 'The visitor token does not open this chat (another chat, a deleted one, or not exactly as issued).',
  token_expired: 'The chat ended over an hour ago; its token opens it no more.',
  // limits
  slow_down: 'Too many failed sign-ins (for this email, or from this address): wait (Retry-After).',
  locked: 'This account is locked for a while after repeated failed sign-ins; an administrator can unlock it.',
  rate_limited: 'Too many of these from one client address, or from one socket: wait and try again.',
  too_many_emails: 'The customer has emailed this chat’s transcript the most times allowed.',
  too_many_files: 'The customer has sent the most files one chat takes.',
  // things that are not there
  not_found: 'No such thing, or not among the caller’s groups.',
  unknown_group: 'No such group.',
  unknown_agent: 'No such enabled agent in the chat’s group.',
  unknown_link: 'No such live chat link.',
  not_member: 'That agent is not in the group.',
  // files
  invalid_file: 'The file has no usable name (empty, or with direction-changing characters) or no bytes.',
  file_too_large: 'Files are limited to 10 MiB.',
  unsupported_type: 'Files of that type cannot be sent.',
  type_mismatch: 'The file’s first bytes are not of the type it was declared as.',
  // the administrator's guarded changes
  email_taken: 'An agent with that email exists (in any letter case).',
  name_taken: 'A group with that name exists.',
  slug_taken: 'A live chat link with that address exists.',
  key_taken: 'A custom field with that key exists.',
  last_admin: 'The deployment must keep an enabled administrator.',
  would_orphan: 'Disabling would leave the deployment without an administrator or a group without an enabled member.',
  last_member: 'A group must keep at least one enabled member.',
  group_has_open_chats: 'The group still has chats waiting or under way.',
  group_has_open_items: 'The group still has open tickets or tasks.',
  // the customer's side
  not_your_address: 'A customer’s transcript goes only to the address the chat was started with.',
  translation_off: 'Translation is not configured (no Workers AI binding).',
  // help-desk items
  invalid_phone: 'Not a phone number (5 to 15 digits, an optional leading +, spaces, dots, dashes, brackets, an extension).',
  already_related: 'The two items are related already.',
  not_related: 'The two items are not related.',
  same_item: 'An item cannot be related to itself.',
  email_failed: 'The email could not be sent; nothing was stored. Try again.',
  // customers
  identity_invalid: 'The signed identity is malformed, its signature does not match, or it expires too far ahead.',
  identity_expired: 'The signed identity has expired: the website must sign a new one.',
  identity_unavailable: 'Identity verification is not set up (no IDENTITY_SECRET), so signed identities are refused.',
  unknown_organization: 'No such organization.',
  // search
  search_empty: 'A search needs a word to look for, or at least one filter.',
  search_too_long: 'A search is at most 200 characters.',
  organization_exists: 'An organization with that name or domain exists.',
  same_customer: 'A customer cannot be merged into themselves.',
  customer_has_live_chat: 'The customer has a chat waiting or under way: end it first.',
  // canned replies
  edit_conflict: 'Someone saved the same thing since the caller read it (its `updatedAt` has moved on): read it again, then change it; nothing was saved.',
  unknown_variable: 'A canned reply (or a manual event’s template) names a variable that does not exist, or a `{{` is not closed (a canned reply’s `unknown` lists them); nothing was saved.',
  shortcut_taken: 'Another canned reply in the same scope (shared, the group, or yours) has that shortcut.',
  too_many_reply_files: 'A canned reply carries at most 5 files.',
  // manual events
  invalid_action: 'An action of a manual event lacks what it needs or breaks a rule (the message names the action, `field` its field).',
  event_name_taken: 'A manual event with that name exists.',
  event_not_for_group: 'The manual event is not for the group of the chat (or of one of the chats, named); nothing was run.',
  // a chat object's refusals
  not_allowed: 'Your role may not do this.',
  not_active: 'The chat must be active (taken) for this.',
  not_assigned: 'The chat is another agent’s: coach, join or take it over first.',
  already_taken: 'Someone has taken the chat already.',
  already_yours: 'The chat is yours already.',
  chat_ended: 'The chat has ended.',
  agent_at_capacity: 'The agent holds the most chats allowed.',
  already_open: 'The chat was started already.',
  not_open: 'The chat was never started, or was deleted.',
  not_ended: 'The chat must have ended for this.',
  no_change: 'The chat is there already.',
  already_rated: 'The chat was rated already.',
  no_such_comment: 'No comment with that id in this chat (or it was deleted).',
  no_such_time_log: 'No time log with that id in this chat (or it was removed).',
  duplicate: 'Stored already (a resend).',
  invalid_frame: 'The request breaks a rule of the chat (say, a follow-up in the past).',
  text_too_long: 'The text is over the limit.',
  invalid_text: 'The text is not valid Unicode.',
  bad_json: 'Not JSON.',
  unknown_type: 'Unknown frame type.',
  internal: 'Something went wrong on our side (never with a stack trace).',
} as const satisfies Record<string, string>;

export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES;
