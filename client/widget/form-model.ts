// The visitor's form as signals and actions: the public config (groups and who is online in them,
// custom fields, a live chat link's presets), what has been typed, and each field's problem once
// the visitor has tried to go on. The pre-chat form and the leave-a-message form share it, so
// switching from one to the other keeps everything typed. It never touches the DOM.
import { isLanguageTag } from '../../objects/rules/language.ts';
import { computed, signal } from '@preact/signals';
import { ApiError, describeError } from '../shared/api.ts';
import { askedFields, fieldOfMessage, validateCustomFields } from './custom-fields.ts';
import { fetchConfig, type NewChat, type NewMessage, type PublicConfig, type PublicGroup } from './customer-api.ts';
import type { WidgetOptions } from './options.ts';
import { validatePreChat, type PreChatErrors, type PreChatField, type PreChatValues } from './validation.ts';

export type FormModel = ReturnType<typeof createFormModel>;

export function createFormModel(options: WidgetOptions) {
  const config = signal<PublicConfig | null>(null);
  const configError = signal<string | null>(null);
  /** The live chat link asked for does not exist (any more): the visitor picks a group instead. */
  const linkGone = signal(false);
  const values = signal<PreChatValues>({ name: options.name, email: options.email, question: '', groupId: options.groupId ?? '' });
  /** Custom field values typed by the visitor, by key. */
  const custom = signal<Record<string, string>>({});
  const attempted = signal(false);
  /** The server's word on one custom field (`invalid_field`), until the visitor changes it. */
  const serverFieldErrors = signal<Record<string, string>>({});
  /** A refusal that belongs to no visible field. */
  const formError = signal<string | null>(null);

  const link = computed(() => config.value?.link ?? null);
  const preset = computed<Record<string, string>>(() => ({ ...options.fields, ...link.value?.fields }));
  const fields = computed(() => askedFields(config.value?.fields ?? [], preset.value));
  const groupId = computed(() => link.value?.groupId ?? values.value.groupId);
  const group = computed<PublicGroup | null>(() => config.value?.groups.find((g) => g.id === groupId.value) ?? null);
  /** The link or the site chose the group: no picker (nor while the config that may confirm it loads). */
  const groupFixed = computed(() => {
    const loading = config.value === null;
    if (options.link !== null && !linkGone.value && (loading || link.value !== null)) return true;
    return options.groupId !== null && (loading || group.value?.id === options.groupId);
  });
  const nobodyOnline = computed(() => group.value?.online === 0);
  const errors = computed<PreChatErrors>(() => (attempted.value ? validatePreChat({ ...values.value, groupId: groupId.value }) : {}));
  const fieldErrors = computed<Record<string, string>>(() => ({
    ...(attempted.value ? validateCustomFields(fields.value, custom.value) : {}),
    ...serverFieldErrors.value,
  }));

  async function load(): Promise<void> {
    configError.value = null;
    try {
      try {
        config.value = await fetchConfig(linkGone.value ? null : options.link);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'unknown_link')) throw error;
        linkGone.value = true;
        config.value = await fetchConfig(null);
      }
      const groups = config.value.groups;
      if (!groups.some((g) => g.id === values.value.groupId)) {
        // An unknown ?group= (or none): preselect the only group, otherwise let the visitor choose.
        values.value = { ...values.value, groupId: groups.length === 1 && groups[0] ? groups[0].id : '' };
      }
    } catch (error) {
      configError.value = describeError(error);
    }
  }

  /** Fetches who is online again (the widget was opened again); keeps the old answer on failure. */
  async function refresh(): Promise<void> {
    // Still loading, or failed with "Try again" on screen: nothing to refresh.
    if (config.value === null) return;
    try {
      config.value = await fetchConfig(linkGone.value ? null : options.link);
    } catch {
      // Not worth troubling the visitor: the counts are a hint.
    }
  }

  function setField(field: PreChatField, value: string): void {
    values.value = { ...values.value, [field]: value };
    formError.value = null;
  }

  function setCustom(key: string, value: string): void {
    custom.value = { ...custom.value, [key]: value };
    if (key in serverFieldErrors.value) {
      const { [key]: _gone, ...rest } = serverFieldErrors.value;
      serverFieldErrors.value = rest;
    }
    formError.value = null;
  }

  /** Shows every problem; true when the form may go on. */
  function check(): boolean {
    attempted.value = true;
    formError.value = null;
    return Object.keys(errors.value).length === 0 && Object.keys(fieldErrors.value).length === 0;
  }

  /** Every custom value to send: the visitor's, then the site's and the link's presets. */
  function allFields(): Record<string, string> {
    const typed = Object.fromEntries(fields.value.map((f) => [f.key, custom.value[f.key] ?? '']).filter(([, v]) => v !== ''));
    return { ...typed, ...preset.value };
  }

  function chatBody(): NewChat {
    const { name, email, question } = values.value;
    return {
      name: name.trim(),
      email: email.trim(),
      question: question.trim(),
      groupId: groupId.value,
      fields: allFields(),
      ...(options.language ? { language: options.language } : {}),
      ...(link.value ? { link: link.value.slug } : {}),
      ...(options.identity ? { identity: options.identity } : {}),
      ...(browserTimeZone() ? { timeZone: browserTimeZone()! } : {}),
      ...(browserLanguage() ? { browserLanguage: browserLanguage()! } : {}),
    };
  }

  function messageBody(): NewMessage {
    const { name, email, question } = values.value;
    return { name: name.trim(), email: email.trim(), message: question.trim(), groupId: groupId.value, fields: allFields() };
  }

  /** Shows a refusal from the server next to its field when it names one the visitor can change. */
  function refused(error: unknown): void {
    const key = error instanceof ApiError && error.code === 'invalid_field' ? fieldOfMessage(fields.value, error.message) : null;
    if (key !== null && error instanceof ApiError) serverFieldErrors.value = { ...serverFieldErrors.value, [key]: error.message };
    else formError.value = describeError(error);
  }

  /** After a chat started or a message was left: the next one starts with a fresh question. */
  function clearQuestion(): void {
    values.value = { ...values.value, question: '' };
    attempted.value = false;
  }

  return {
    config,
    configError,
    linkGone,
    values,
    custom,
    fields,
    group,
    groupFixed,
    nobodyOnline,
    errors,
    fieldErrors,
    formError,
    load,
    refresh,
    setField,
    setCustom,
    check,
    /** The site signed who the visitor is: the email is theirs and not typed here. */
    signedIn: options.identity !== null,
    chatBody,
    messageBody,
    refused,
    clearQuestion,
  };
}

/** The browser's own IANA time zone, kept on the customer (unless staff set one). */
function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** The browser's own language, if it is a tag the server takes ("en-GB"). */
function browserLanguage(): string | null {
  const tag = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
  return isLanguageTag(tag) ? tag : null;
}
