// The visitor form's own rules (name, email, group, question or message), as a pure function from
// values to messages, so the form can show each problem next to its field (and the rules can be
// tested without a DOM). Custom fields are checked by custom-fields.ts.
import { isEmail } from '../../objects/rules/email.ts';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';

export interface PreChatValues {
  name: string;
  email: string;
  question: string;
  groupId: string;
}

export type PreChatField = keyof PreChatValues;
export type PreChatErrors = Partial<Record<PreChatField, string>>;

const NAME_MAX = 100;

export function validatePreChat(values: PreChatValues): PreChatErrors {
  const errors: PreChatErrors = {};
  const name = values.name.trim();
  const email = values.email.trim();
  if (name === '') errors.name = 'Please enter your name.';
  else if (name.length > NAME_MAX) errors.name = `Please keep your name under ${NAME_MAX} characters.`;
  if (email === '') errors.email = 'Please enter your email address.';
  else if (!isEmail(email)) errors.email = 'Please enter a valid email address, like name@example.com.';
  if (values.groupId === '') errors.groupId = 'Please choose who you would like to talk to.';
  if (values.question.trim() === '') errors.question = 'Please tell us what you need help with.';
  else if (values.question.length > MAX_TEXT_LENGTH) errors.question = `Please keep your question under ${MAX_TEXT_LENGTH} characters.`;
  return errors;
}
