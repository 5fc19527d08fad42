// The bodies of the messages-left-offline routes, defined once.
/** A message a customer left while nobody in the group was online. */
export interface OfflineMessage {
  id: string;
  groupId: string;
  groupName: string;
  name: string;
  email: string;
  message: string;
  fields: Record<string, string>;
  createdAt: number;
  handledBy: string | null;
  handledAt: number | null;
}

/** `GET /api/messages` */
export interface OfflineMessagesResponse {
  messages: OfflineMessage[];
}
