// Custom fields for chats: what an administrator defines, and checking what a visitor (or a
// widget option, or a live chat link) gives against it. Pure: tested in Node and Deno.

export type FieldType = 'text' | 'number' | 'select';

export interface CustomField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  options: string[];
}

/** The longest value one custom field may hold. */
export const MAX_FIELD_LENGTH = 500;

export type FieldCheck = { ok: true; values: Record<string, string> } | { ok: false; key: string; message: string };

/**
 * Keeps the defined fields only (unknown keys are dropped, never stored), trims them, and checks
 * each: required ones present, numbers numeric, selects one of their options.
 */
export function checkFields(defs: readonly CustomField[], given: Record<string, unknown>): FieldCheck {
  const values: Record<string, string> = {};
  for (const def of defs) {
    const raw = given[def.key];
    const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    if (raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') {
      return { ok: false, key: def.key, message: `${def.label} must be text.` };
    }
    if (value === '') {
      if (def.required) return { ok: false, key: def.key, message: `${def.label} is required.` };
      continue;
    }
    if (value.length > MAX_FIELD_LENGTH) return { ok: false, key: def.key, message: `${def.label} is too long.` };
    if (def.type === 'number' && !Number.isFinite(Number(value))) {
      return { ok: false, key: def.key, message: `${def.label} must be a number.` };
    }
    if (def.type === 'select' && !def.options.includes(value)) {
      return { ok: false, key: def.key, message: `${def.label} must be one of: ${def.options.join(', ')}.` };
    }
    values[def.key] = value;
  }
  return { ok: true, values };
}
