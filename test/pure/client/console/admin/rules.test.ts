// The Administration page's own checks (spared round trips; the server checks again) and how it
// reads the server's lists of members. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  candidatesFor,
  checkNewGroup,
  checkNewPerson,
  MIN_PASSWORD_LENGTH,
  membersOf,
  type NewPersonForm,
  parseMaxChats,
  splitList,
} from '../../../../../client/console/admin/rules.ts';
import type { AdminAgent, AdminGroup } from '../../../../../client/shared/api.ts';

const form = (patch: Partial<NewPersonForm> = {}): NewPersonForm => ({
  email: 'carol@example.test',
  name: 'Carol',
  role: 'agent',
  password: 'x'.repeat(MIN_PASSWORD_LENGTH),
  maxChats: '',
  groupIds: ['sales'],
  ...patch,
});

describe('checkNewPerson', () => {
  it('turns a good form into the request body, trimmed, leaving an empty maximum to the server', () => {
    const checked = checkNewPerson(form({ email: ' carol@example.test ', name: ' Carol ' }));
    assert.deepEqual(checked, {
      ok: true,
      person: { email: 'carol@example.test', name: 'Carol', role: 'agent', password: 'x'.repeat(MIN_PASSWORD_LENGTH), groupIds: ['sales'] },
    });
    const withMax = checkNewPerson(form({ maxChats: '7' }));
    assert.ok(withMax.ok && withMax.person.maxChats === 7);
  });

  it('names every field that is wrong', () => {
    const checked = checkNewPerson(form({ email: 'not-an-email', name: '   ', password: 'short', maxChats: '0' }));
    assert.equal(checked.ok, false);
    assert.deepEqual(Object.keys(checked.ok ? {} : checked.errors).sort(), ['email', 'maxChats', 'name', 'password']);
  });

  it('accepts a person in no group (the server allows it)', () => {
    assert.ok(checkNewPerson(form({ groupIds: [] })).ok);
  });
});

describe('parseMaxChats', () => {
  it('takes whole numbers from 1 to 100 only', () => {
    assert.deepEqual(['1', ' 5 ', '100'].map(parseMaxChats), [1, 5, 100]);
    assert.deepEqual(['0', '101', '2.5', '-3', '', 'five', '1e2'].map(parseMaxChats), [null, null, null, null, null, null, null]);
  });
});

describe('checkNewGroup', () => {
  it('needs a name and at least one member', () => {
    assert.deepEqual(checkNewGroup('Billing', ['a1']), {});
    const errors = checkNewGroup('  ', []);
    assert.ok(errors.name?.includes('group name'));
    assert.ok(errors.members);
  });
});

describe('members', () => {
  const agent = (id: string, email: string, name = id): AdminAgent => ({
    id, email, name, role: 'agent', disabled: false, maxChats: 5, groups: '', groupIds: [], lockedUntil: 0,
  });
  const agents = [agent('a', 'ann@x.test', 'Ann'), agent('b', 'Bob@X.test', 'Bob'), agent('c', 'cy@x.test', 'Cy')];
  const group: AdminGroup = { id: 'g', name: 'Sales, EMEA', members: 2, memberEmails: 'ann@x.test, Bob@X.test', memberIds: ['a', 'b'] };

  it('reads the ", "-joined lists the server sends', () => {
    assert.deepEqual(splitList(''), []);
    assert.deepEqual(splitList('a@x.test, b@x.test'), ['a@x.test', 'b@x.test']);
  });

  it('finds a group\'s members by id', () => {
    assert.deepEqual(membersOf(group, agents).map((a) => a.id), ['a', 'b']);
  });

  it('offers everyone else as a new member, by name', () => {
    assert.deepEqual(candidatesFor(group, agents).map((a) => a.id), ['c']);
    assert.deepEqual(candidatesFor({ ...group, memberEmails: '', memberIds: [] }, agents).map((a) => a.name), ['Ann', 'Bob', 'Cy']);
  });
});
