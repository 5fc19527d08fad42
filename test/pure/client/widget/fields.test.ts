// The visitor's form checks the administrator's custom fields with the server's own rules and
// words, skips the ones preset by the site or a live chat link, and finds the field a server
// refusal names. Also the form's own fields, and the checks on a file before it is sent.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { askedFields, fieldOfMessage, validateCustomFields, type CustomField } from '../../../../client/widget/custom-fields.ts';
import { fileUrl } from '../../../../client/widget/files.ts';
import { validatePreChat } from '../../../../client/widget/validation.ts';
import { MAX_TEXT_LENGTH } from '../../../../objects/protocol.ts';

const topic: CustomField = { key: 'topic', label: 'Topic', type: 'select', required: true, options: ['Orders', 'Returns'] };
const order: CustomField = { key: 'order', label: 'Order', type: 'text', required: false, options: [] };
const orderNumber: CustomField = { key: 'order-number', label: 'Order number', type: 'number', required: false, options: [] };
const defs = [topic, order, orderNumber];

describe('validateCustomFields', () => {
  it('names every field in trouble, each with its own message', () => {
    assert.deepEqual(validateCustomFields(defs, { 'order-number': 'twelve' }), {
      topic: 'Topic is required.',
      'order-number': 'Order number must be a number.',
    });
  });

  it('refuses a select value that is not one of its options', () => {
    assert.deepEqual(validateCustomFields([topic], { topic: 'Billing' }), { topic: 'Topic must be one of: Orders, Returns.' });
  });

  it('is empty when all is well, optional fields left blank', () => {
    assert.deepEqual(validateCustomFields(defs, { topic: 'Returns', 'order-number': ' 42 ' }), {});
  });
});

describe('askedFields', () => {
  it('does not ask again what the site or the link preset', () => {
    assert.deepEqual(
      askedFields(defs, { topic: 'Orders' }).map((f) => f.key),
      ['order', 'order-number'],
    );
  });
});

describe('fieldOfMessage', () => {
  it('finds the field a server message names, the longest label first', () => {
    assert.equal(fieldOfMessage(defs, 'Order number must be a number.'), 'order-number');
    assert.equal(fieldOfMessage(defs, 'Order is too long.'), 'order');
    assert.equal(fieldOfMessage(defs, 'Something else went wrong.'), null);
  });
});

describe('fileUrl', () => {
  it('puts the token in the query and escapes every part', () => {
    assert.equal(fileUrl('c/1', 'f 2', 'a+b'), '/api/visitor/chats/c%2F1/files/f%202?token=a%2Bb');
  });
});

describe('validatePreChat', () => {
  const good = { name: 'Vera', email: 'vera@example.test', question: 'Does it fit two?', groupId: 'support' };

  it('accepts a complete form', () => {
    assert.deepEqual(validatePreChat(good), {});
  });

  it('names each missing or malformed field', () => {
    assert.deepEqual(validatePreChat({ name: ' ', email: 'vera@', question: '', groupId: '' }), {
      name: 'Please enter your name.',
      email: 'Please enter a valid email address, like name@example.com.',
      groupId: 'Please choose who you would like to talk to.',
      question: 'Please tell us what you need help with.',
    });
  });

  it('refuses a question longer than a message may be', () => {
    assert.match(validatePreChat({ ...good, question: 'x'.repeat(MAX_TEXT_LENGTH + 1) }).question ?? '', /under 4000 characters/);
  });
});
