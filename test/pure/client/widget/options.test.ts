// The widget's options come from its URL, which anyone can craft: each value is checked, colours
// are only ever hex, and the ink chosen for a colour keeps text readable. Also the loader's
// reading of its script tag. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loaderSettings } from '../../../../client/loader/widget.ts';
import { inkFor, normalizeColor, parseFields, readOptions } from '../../../../client/widget/options.ts';

describe('readOptions: a signed identity', () => {
  const identity = (claims: object) => `${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${'ab'.repeat(32)}`;

  it('keeps a well-shaped identity and fills the form from it (the server checks the signature)', () => {
    const signed = identity({ email: 'sam@example.test', name: 'Sam', exp: 1 });
    const options = readOptions(`?identity=${signed}&email=other@example.test&name=Other`);
    assert.equal(options.identity, signed);
    assert.equal(options.email, 'sam@example.test');
    assert.equal(options.name, 'Sam');
  });

  it('drops anything not shaped as one, and then fills nothing from it', () => {
    for (const bad of ['abc', `${identity({ email: 'x@y.z' })}x`, `${'a'.repeat(2100)}.${'ab'.repeat(32)}`, '<script>.00']) {
      const options = readOptions(`?identity=${encodeURIComponent(bad)}&email=typed@example.test`);
      assert.equal(options.identity, null, bad);
      assert.equal(options.email, 'typed@example.test');
    }
  });
});

describe('readOptions', () => {
  it('reads every option the loader passes on', () => {
    const fields = JSON.stringify({ order: 'A-1', seats: 3 });
    const options = readOptions(
      `?embed=1&group=support&name=Vera&email=vera%40example.test&fields=${encodeURIComponent(fields)}&lang=pt-BR&color=%23ABC&link=orders`,
    );
    assert.deepEqual(options, {
      embedded: true,
      groupId: 'support',
      link: 'orders',
      name: 'Vera',
      email: 'vera@example.test',
      fields: { order: 'A-1', seats: '3' },
      language: 'pt-BR',
      color: '#aabbcc',
      identity: null,
    });
  });

  it('has nothing preset for a bare URL', () => {
    assert.deepEqual(readOptions(''), {
      embedded: false,
      groupId: null,
      link: null,
      name: '',
      email: '',
      fields: {},
      language: null,
      color: null,
      identity: null,
    });
  });

  it('drops values the server would refuse: a long group id, a language that is not one', () => {
    const options = readOptions(`?group=${'g'.repeat(65)}&lang=english!`);
    assert.equal(options.groupId, null);
    assert.equal(options.language, null);
  });
});

describe('parseFields', () => {
  it('keeps strings and finite numbers only', () => {
    assert.deepEqual(parseFields('{"a":"x","b":2,"c":{"d":1},"e":null,"f":[1]}'), { a: 'x', b: '2' });
  });

  it('is empty for bad JSON, arrays and plain values', () => {
    for (const raw of ['{', '[1,2]', '"text"', '42', null, '']) assert.deepEqual(parseFields(raw), {});
  });
});

describe('normalizeColor', () => {
  it('accepts #rgb and #rrggbb, in lower case', () => {
    assert.equal(normalizeColor('#0B5FFF'), '#0b5fff');
    assert.equal(normalizeColor('#fff'), '#ffffff');
  });

  it('refuses anything that could carry CSS', () => {
    for (const bad of ['red', '#12345', 'url(x)', '#fff;background:url(x)', 'expression(1)', null]) assert.equal(normalizeColor(bad), null);
  });
});

describe('inkFor', () => {
  it('writes white on dark colours and black on light ones', () => {
    assert.equal(inkFor('#0b5fff'), '#ffffff');
    assert.equal(inkFor('#000000'), '#ffffff');
    assert.equal(inkFor('#ffeb3b'), '#000000');
    assert.equal(inkFor('#ffffff'), '#000000');
  });
});

describe('loaderSettings', () => {
  it('passes the data-* options on to the iframe and styles the launcher', () => {
    const settings = loaderSettings({ group: 'support', fields: '{"order":"A-1"}', color: '#ffeb3b', position: 'left', link: 'orders' });
    const query = new URLSearchParams(settings.query);
    assert.equal(query.get('embed'), '1');
    assert.equal(query.get('group'), 'support');
    assert.equal(query.get('fields'), '{"order":"A-1"}');
    assert.equal(query.get('link'), 'orders');
    assert.equal(query.get('color'), '#ffeb3b');
    assert.equal(settings.side, 'left');
    assert.equal(settings.color, '#ffeb3b');
    assert.equal(settings.ink, '#000');
  });

  it('keeps its own colour and the right side when given something else', () => {
    const settings = loaderSettings({ color: 'red;position:static', position: 'top' });
    assert.equal(settings.side, 'right');
    assert.equal(settings.color, '#2457d6');
    assert.equal(settings.ink, '#fff');
    assert.equal(new URLSearchParams(settings.query).get('group'), null);
  });
});
