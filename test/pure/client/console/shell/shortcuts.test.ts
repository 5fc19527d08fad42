// The console's keyboard shortcuts: which key does what, and never while typing (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KeyPress, listKeyOf, SHORTCUT_HELP, shortcutOf } from '../../../../../client/console/shell/shortcuts.ts';

const press = (key: string, target: KeyPress['target'] = { tagName: 'BODY' }, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target,
  ...mods,
});

describe('console shortcuts', () => {
  it('take, end, transfer, comment and canned reply by one letter, and ? for the list of them', () => {
    assert.deepEqual(
      ['t', 'e', 'f', 'c', 'i', '?', 'x'].map((k) => shortcutOf(press(k))),
      ['take', 'end', 'transfer', 'comment', 'canned', 'help', null],
    );
  });

  it('are never taken from what is typed into a field, nor from keys with Ctrl, Alt or Meta', () => {
    for (const tagName of ['TEXTAREA', 'SELECT', 'input']) assert.equal(shortcutOf(press('t', { tagName })), null, tagName);
    assert.equal(shortcutOf(press('t', { tagName: 'INPUT', type: 'search' })), null);
    assert.equal(shortcutOf(press('e', { tagName: 'DIV', isContentEditable: true })), null);
    // A checkbox takes no text: a row's checkbox still lets the shortcuts through.
    assert.equal(shortcutOf(press('t', { tagName: 'INPUT', type: 'checkbox' })), 'take');
    for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) assert.equal(shortcutOf(press('t', undefined, { [mod]: true })), null, mod);
  });

  it('moves through the list with the arrows or j and k, and opens with Enter', () => {
    assert.deepEqual(
      ['ArrowDown', 'j', 'ArrowUp', 'k', 'Enter', 'Tab'].map((k) => listKeyOf(press(k))),
      ['next', 'next', 'previous', 'previous', 'open', null],
    );
    assert.equal(listKeyOf(press('j', undefined, { ctrlKey: true })), null);
  });

  it('lists every key it answers to', () => {
    const listed = SHORTCUT_HELP.map((s) => s.keys).join(' ');
    for (const key of ['j', 'k', 'Enter', 't', 'e', 'f', 'c', 'i', '?']) assert.ok(listed.includes(key), key);
  });
});
