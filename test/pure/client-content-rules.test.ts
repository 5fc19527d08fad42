// The Administration page's content checks (slugs, preset fields, select options, articles) and
// the chat toolbar's tool rules (who may send files, file checks, addresses, language codes).
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArticle, checkNewField, checkSlug, lines, linkAddress, parsePresets, presetText } from '../../client/console/admin/content-rules.ts';
import { checkAddresses, toolAbilities, type ToolContext } from '../../client/console/chat-tools.ts';

describe('content rules', () => {
  it('accepts the slugs the server accepts', () => {
    assert.equal(checkSlug('spring-sale', 'an address'), null);
    assert.match(checkSlug('', 'an address') ?? '', /Enter an address/);
    assert.notEqual(checkSlug('-lead', 'an address'), null);
    assert.notEqual(checkSlug('Upper', 'a key'), null);
    assert.notEqual(checkSlug('a'.repeat(64), 'a key'), null);
  });

  it('reads preset fields as key=value lines and names a bad line', () => {
    assert.deepEqual(parsePresets('plan = gold\n\n region=eu=west '), { ok: true, fields: { plan: 'gold', region: 'eu=west' } });
    assert.deepEqual(parsePresets(''), { ok: true, fields: {} });
    const bad = parsePresets('plan=gold\nnonsense');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /nonsense/);
    assert.equal(parsePresets('=x').ok, false);
    assert.equal(presetText({ plan: 'gold', a: 'b' }), 'plan=gold, a=b');
  });

  it('builds the customer address of a link', () => {
    assert.equal(linkAddress('https://chat.example/', 'spring'), 'https://chat.example/chat/spring');
  });

  it('needs options for a select field only', () => {
    const base = { key: 'plan', label: 'Plan', type: 'select' as const, required: false, options: '' };
    assert.ok(checkNewField(base).options);
    assert.deepEqual(checkNewField({ ...base, options: 'Gold\n Silver \n' }), {});
    assert.deepEqual(checkNewField({ ...base, type: 'text' }), {});
    assert.deepEqual(lines(' a \n\nb'), ['a', 'b']);
    assert.ok(checkNewField({ ...base, key: 'Bad Key', label: ' ' }).key);
  });

  it('needs a title and a body for an article', () => {
    assert.deepEqual(checkArticle('Returns', 'How to return'), {});
    assert.deepEqual(Object.keys(checkArticle(' ', '')).sort(), ['body', 'title']);
    assert.ok(checkArticle('x'.repeat(201), 'b').title);
  });
});

describe('chat tools', () => {
  const ctx = (patch: Partial<ToolContext> = {}): ToolContext => ({
    chat: { status: 'active', agent: { role: 'agent', id: 'me', name: 'Me' } },
    meId: 'me',
    joined: new Set(),
    busy: false,
    ...patch,
  });

  it('lets the assigned agent or a joined colleague send files while the chat is open', () => {
    assert.equal(toolAbilities(ctx()).sendFile, true);
    assert.equal(toolAbilities(ctx({ meId: 'other' })).sendFile, false);
    assert.equal(toolAbilities(ctx({ meId: 'other', joined: new Set(['other']) })).sendFile, true);
    assert.equal(toolAbilities(ctx({ chat: { status: 'ended', agent: { role: 'agent', id: 'me', name: 'Me' } } })).sendFile, false);
    assert.equal(toolAbilities(ctx({ busy: true })).sendFile, false);
  });

  it('offers transcript email and translation on ended chats only', () => {
    assert.equal(toolAbilities(ctx()).ended, false);
    assert.equal(toolAbilities(ctx({ chat: { status: 'ended', agent: null } })).ended, true);
    assert.equal(toolAbilities(ctx({ chat: null })).ended, false);
  });

  it('splits addresses on semicolons and commas', () => {
    assert.deepEqual(checkAddresses(' a@x.test; b@y.test ,'), { ok: true, addresses: ['a@x.test', 'b@y.test'] });
    assert.equal(checkAddresses(' ; ').ok, false);
    assert.equal(checkAddresses('a@x.test; nope').ok, false);
  });

});
