// The rules defined once in objects/rules/ and used by the server, the console, the widget and the
// admin command alike: email addresses, language tags, files, text, ranks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEmail, MAX_EMAIL_LENGTH, normalEmail, parseAddressList } from '../../../../objects/rules/email.ts';
import { ALLOWED_FILE_TYPES, fileProblem, formatSize, MAX_FILE_BYTES } from '../../../../objects/rules/files.ts';
import { isLanguageTag } from '../../../../objects/rules/language.ts';
import { supervises } from '../../../../objects/rules/ranks.ts';
import { BIDI_CONTROLS, isValidText } from '../../../../objects/rules/text.ts';

describe('email', () => {
  it('takes something@something.something and nothing looser (the console used to take a@b)', () => {
    assert.equal(isEmail('ann@example.test'), true);
    for (const bad of ['a@b', 'ann', 'ann@', '@x.test', 'a b@x.test', 'a@x.test;b@y.test', `${'a'.repeat(MAX_EMAIL_LENGTH)}@x.test`]) {
      assert.equal(isEmail(bad), false, bad);
    }
    assert.equal(normalEmail('  Ann@Example.TEST '), 'ann@example.test');
  });

  it('splits address lists on semicolons and commas, and names the bad one', () => {
    assert.deepEqual(parseAddressList(' a@x.test; b@y.test ,'), { ok: true, addresses: ['a@x.test', 'b@y.test'] });
    assert.equal(parseAddressList(' ; ').ok, false);
    assert.deepEqual(parseAddressList('a@x.test; nope'), { ok: false, message: '"nope" is not an email address.' });
    assert.equal(parseAddressList(Array.from({ length: 11 }, (_, i) => `p${i}@x.test`).join(';')).ok, false);
  });
});

describe('language tags', () => {
  it('are a primary subtag and an optional region or script', () => {
    for (const good of ['de', 'pt-BR', 'zh-Hant', 'fil']) assert.equal(isLanguageTag(good), true, good);
    for (const bad of ['German', 'EN', 'de_DE', 'de-', '']) assert.equal(isLanguageTag(bad), false, bad);
  });
});

describe('files', () => {
  it('lets an allowed, non-empty file up to the limit go', () => {
    assert.equal(fileProblem({ name: 'a.png', type: 'image/png', size: 10 }), null);
    assert.equal(fileProblem({ name: 'max.pdf', type: 'application/pdf', size: MAX_FILE_BYTES }), null);
    assert.ok(ALLOWED_FILE_TYPES.includes('text/plain'));
  });

  it('says why a file cannot go: its type, its size, or that it is empty', () => {
    assert.match(fileProblem({ name: 'page.html', size: 12, type: 'text/html' }) ?? '', /page\.html can't be sent/);
    assert.match(fileProblem({ name: 'a.exe', type: 'application/x-msdownload', size: 10 }) ?? '', /can't be sent/);
    assert.match(fileProblem({ name: 'x.bin', size: 12, type: '' }) ?? '', /can't be sent/);
    assert.match(fileProblem({ name: 'big.pdf', size: MAX_FILE_BYTES + 1, type: 'application/pdf' }) ?? '', /too large: files are limited to 10 MB/);
    assert.match(fileProblem({ name: 'empty.txt', size: 0, type: 'text/plain' }) ?? '', /empty/);
  });

  it('reads sizes in binary units', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(1536), '1.5 KB');
    assert.equal(formatSize(200 * 1024), '200 KB');
    assert.equal(formatSize(MAX_FILE_BYTES), '10 MB');
  });
});

describe('text', () => {
  it('finds the characters that make invoice\\u202Efdp.exe look like a PDF', () => {
    assert.equal(BIDI_CONTROLS.test('invoice\u202Efdp.exe'), true);
    assert.equal(BIDI_CONTROLS.test('report\u2066.pdf'), true);
    assert.equal(BIDI_CONTROLS.test('\u200Fname.txt'), true);
    assert.equal(BIDI_CONTROLS.test('Rechnung – März.pdf'), false);
    assert.equal(BIDI_CONTROLS.test('فاتورة.pdf'), false);
  });

  it('is valid Unicode: no replacement character, no lone surrogate', () => {
    assert.equal(isValidText('café 👍'), true);
    assert.equal(isValidText('x\uFFFD'), false);
    assert.equal(isValidText('\uD83D'), false);
  });
});

describe('ranks', () => {
  it('managers and administrators supervise; agents do not', () => {
    assert.deepEqual((['agent', 'manager', 'admin', null] as const).map(supervises), [false, true, true, false]);
  });
});
