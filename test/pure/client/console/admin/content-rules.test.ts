// The Administration page's content checks: slugs, preset fields, select options, articles.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArticle, checkNewField, checkSlug, lines, linkAddress, parsePresets, presetText } from '../../../../../client/console/admin/content-rules.ts';

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
