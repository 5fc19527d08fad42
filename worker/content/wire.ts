// The bodies of the live chat links and custom fields routes, defined once.
import type { CustomField } from '../../objects/rules/fields.ts';

export type { CustomField, FieldType as CustomFieldType } from '../../objects/rules/fields.ts';

/** A live chat link (`/chat/<slug>`) with its preset custom fields. */
export interface ChatLink {
  slug: string;
  name: string;
  groupId: string;
  fields: Record<string, string>;
}

export interface ChatLinksResponse {
  links: ChatLink[];
}
export interface CustomFieldsResponse {
  fields: CustomField[];
}
