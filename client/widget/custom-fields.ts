// The administrator's custom fields on the visitor's form: which ones to ask (those the site or
// the live chat link has not preset) and each one's problem, worded exactly as the server words it
// because both use worker/fields.ts. Pure: tested in Node and Deno.
import { checkFields, type CustomField } from '../../objects/rules/fields.ts';

export type { CustomField };

/** The fields the visitor fills in: every defined field whose value is not preset. */
export function askedFields(defs: readonly CustomField[], preset: Readonly<Record<string, string>>): CustomField[] {
  return defs.filter((def) => !(def.key in preset));
}

/** One message per field in trouble, keyed by the field's key; empty when all is well. */
export function validateCustomFields(defs: readonly CustomField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const def of defs) {
    const checked = checkFields([def], values);
    if (!checked.ok) errors[def.key] = checked.message;
  }
  return errors;
}

/**
 * The server's `invalid_field` message names the field by its label ("Topic is required."): the
 * field it is about, so the form can show it there, or null.
 */
export function fieldOfMessage(defs: readonly CustomField[], message: string): string | null {
  // The longest label first, so "Order number" wins over "Order".
  const byLength = [...defs].sort((a, b) => b.label.length - a.label.length);
  return byLength.find((def) => message.startsWith(`${def.label} `))?.key ?? null;
}
