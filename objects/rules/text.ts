// What counts as text a person wrote, wherever people write (chat frames, forms, names). Pure.

/**
 * A runtime decodes a text frame or body that is not valid UTF-8 with U+FFFD in place of each
 * bad byte, and JSON can carry lone surrogates (`"\ud800"`): neither is text a person wrote, and
 * stored it would show as garbage to everyone. Text holding either is refused.
 */
export function isValidText(text: string): boolean {
  return !/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * Characters that reorder how text is displayed (bidirectional overrides and isolates, and the
 * invisible direction marks): in a file name they make `invoice\u202Efdp.exe` show as
 * "invoiceexe.pdf"; in a person's name they make it read differently in a list than it is.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
