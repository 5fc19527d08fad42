// The custom fields an administrator defined for chats, fetched once per page (the widget's public
// config carries them): the Custom Fields tab and the print view name fields by their labels.
import type { CustomField } from '../../../objects/rules/fields.ts';
import type { PublicConfig } from '../../../worker/visitor/wire.ts';
import { getJson } from '../../shared/api.ts';

let definitions: Promise<CustomField[]> | null = null;

/** The definitions, or none if they cannot be read now (asked again next time). */
export function loadFieldDefinitions(): Promise<CustomField[]> {
  definitions ??= getJson<PublicConfig>('/api/public/config').then(
    (config) => config.fields,
    () => {
      definitions = null;
      return [];
    },
  );
  return definitions;
}
