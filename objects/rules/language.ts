// A language as Switchboard takes one (a chat's language, a translation's target): a primary
// subtag in lower case and an optional region or script, e.g. "de", "pt-BR", "zh-Hant". Pure.

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export function isLanguageTag(text: string): boolean {
  return LANGUAGE_TAG.test(text);
}
