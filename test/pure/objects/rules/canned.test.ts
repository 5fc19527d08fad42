// Canned replies' rules: who may use and change a reply of each scope, what a shortcut is, and
// the variables a body may hold — refused by name when unknown, filled (with their fallbacks)
// when the reply is inserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkBody, fill, type FillContext, firstName, mayChangeReply, mayUseReply, normalShortcut, parseBody, shortcutProblem, writableScopes,
} from '../../../../objects/rules/canned.ts';

const alice = { id: 'alice', role: 'agent', groupIds: ['sales'] } as const;
const mona = { id: 'mona', role: 'manager', groupIds: ['sales'] } as const;
const adam = { id: 'adam', role: 'admin', groupIds: [] } as const;
const shared = { scope: 'shared', groupId: null, ownerId: null } as const;
const salesReply = { scope: 'group', groupId: 'sales', ownerId: null } as const;
const billingReply = { scope: 'group', groupId: 'billing', ownerId: null } as const;
const alicesOwn = { scope: 'personal', groupId: null, ownerId: 'alice' } as const;

describe('who may use a reply', () => {
  it('is everyone for shared ones, the members for a group’s, the owner alone for a personal one', () => {
    assert.equal(mayUseReply(alice, shared), true);
    assert.equal(mayUseReply(alice, salesReply), true);
    assert.equal(mayUseReply(alice, billingReply), false);
    assert.equal(mayUseReply(alice, alicesOwn), true);
    assert.equal(mayUseReply(mona, alicesOwn), false);
    // An administrator outside the group may change its replies but does not have them to insert.
    assert.equal(mayUseReply(adam, salesReply), false);
    assert.equal(mayUseReply(adam, alicesOwn), false);
  });
});

describe('who may change a reply', () => {
  it('is administrators for shared ones, administrators and the group’s managers for a group’s, the owner for a personal one', () => {
    assert.equal(mayChangeReply(alice, shared), false);
    assert.equal(mayChangeReply(mona, shared), false);
    assert.equal(mayChangeReply(adam, shared), true);
    assert.equal(mayChangeReply(alice, salesReply), false);
    assert.equal(mayChangeReply(mona, salesReply), true);
    assert.equal(mayChangeReply(mona, billingReply), false);
    assert.equal(mayChangeReply(adam, billingReply), true);
    assert.equal(mayChangeReply(alice, alicesOwn), true);
    assert.equal(mayChangeReply(adam, alicesOwn), false);
  });
  it('offers each rank the scopes it may write in', () => {
    assert.deepEqual(writableScopes('agent'), ['personal']);
    assert.deepEqual(writableScopes('manager'), ['group', 'personal']);
    assert.deepEqual(writableScopes('admin'), ['shared', 'group', 'personal']);
  });
});

describe('shortcuts', () => {
  it('are stored lower case without their #, and an empty one is none', () => {
    assert.equal(normalShortcut(' #Refund '), 'refund');
    assert.equal(normalShortcut(''), null);
    assert.equal(normalShortcut(null), null);
  });
  it('are 1 to 32 letters, digits, _ or -', () => {
    for (const ok of ['hi', 'refund-policy', 'a_1', 'x'.repeat(32), null]) assert.equal(shortcutProblem(ok), null, String(ok));
    for (const bad of ['x'.repeat(33), 'two words', 'café', 'a.b', '#x']) assert.match(shortcutProblem(bad) ?? '', /1 to 32/, bad);
  });
});

describe('variables', () => {
  const fields = ['order-number'];
  it('are read with their fallbacks, spaces around them allowed', () => {
    const { pieces, unknown } = parseBody('Hi {{ customer.first_name | there }}, order {{field.order-number}}.', fields);
    assert.deepEqual(unknown, []);
    assert.deepEqual(pieces, [
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'customer.first_name', fallback: 'there' },
      { kind: 'text', text: ', order ' },
      { kind: 'field', key: 'order-number', fallback: null },
      { kind: 'text', text: '.' },
    ]);
  });
  it('refuse, by name, what is not a variable and a custom field that is not defined', () => {
    const check = checkBody('Dear {{customer.nmae}}, {{field.colour}} and {{customer.nmae}} again; {{agent.name}}', fields);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.deepEqual(check.unknown, ['{{customer.nmae}}', '{{field.colour}}']);
    assert.match(check.message, /^Unknown variables: \{\{customer\.nmae\}\}, \{\{field\.colour\}\}\./);
    assert.match(check.message, /the custom fields defined are order-number/);
  });
  it('refuse a {{ that is never closed, even before a good variable', () => {
    const check = checkBody('Hi {{customer.name, I am {{agent.name}}', fields);
    assert.equal(check.ok, false);
    if (!check.ok) assert.match(check.message, /"\{\{customer\.name, I am " is not part of a variable/);
    assert.deepEqual(checkBody('Plain text, no variables.', []), { ok: true });
    assert.deepEqual(checkBody('{{customer.email}} and {{group.name|our team}}', []), { ok: true });
  });
});

describe('filling a reply', () => {
  const ctx: FillContext = {
    customer: { name: 'Rita  Customer', email: 'rita@example.test' },
    agent: { name: 'Alice Agent' },
    group: { name: 'Support' },
    chat: { id: 'c42' },
    fields: { 'order-number': '1042', colour: ' ' },
  };
  it('puts each value in place', () => {
    assert.equal(
      fill('Hi {{customer.first_name}} ({{customer.name}}, {{customer.email}}): {{agent.first_name}} of {{group.name}} about order {{field.order-number}}. — {{agent.name}}', ctx),
      'Hi Rita (Rita  Customer, rita@example.test): Alice of Support about order 1042. — Alice Agent',
    );
  });
  it('uses the fallback where a value is empty or missing, and nothing where there is no fallback', () => {
    const nameless = { ...ctx, customer: { name: '', email: '' }, fields: {} };
    assert.equal(fill('Hi {{customer.first_name|there}}! Order {{field.order-number|(none)}}{{customer.email}}.', nameless), 'Hi there! Order (none).');
    // A field removed since the reply was saved is empty, not an error.
    assert.equal(fill('Colour: {{field.colour|unknown}}', ctx), 'Colour: unknown');
  });
  it('leaves what is not a variable as it was written', () => {
    assert.equal(fill('{{customer.nmae}} and {{ unclosed', ctx), '{{customer.nmae}} and {{ unclosed');
  });
  it('takes the first word of a name', () => {
    assert.equal(firstName('  Ann-Marie O’Neil '), 'Ann-Marie');
    assert.equal(firstName(''), '');
  });
});
