// A file's first bytes against its declared type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesSignature } from '../../../../worker/chats/file-signature.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('matchesSignature', () => {
  it('accepts each type with its own signature', () => {
    assert.equal(matchesSignature('image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), true);
    assert.equal(matchesSignature('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)), true);
    assert.equal(matchesSignature('image/gif', text('GIF89a....')), true);
    assert.equal(matchesSignature('image/webp', text('RIFF\0\0\0\0WEBPVP8 ')), true);
    assert.equal(matchesSignature('application/pdf', text('%PDF-1.7')), true);
    assert.equal(matchesSignature('application/zip', bytes(0x50, 0x4b, 0x03, 0x04)), true);
    assert.equal(matchesSignature('application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes(0x50, 0x4b, 0x03, 0x04)), true);
  });

  it('refuses HTML (or anything else) declared as an image, a PDF or an archive', () => {
    const html = text('<!doctype html><script>alert(1)</script>');
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/zip']) {
      assert.equal(matchesSignature(type, html), false, type);
    }
    assert.equal(matchesSignature('image/png', bytes(0x89, 0x50)), false);
  });

  it('does not judge text types, which have no signature', () => {
    assert.equal(matchesSignature('text/plain', text('hello')), true);
    assert.equal(matchesSignature('text/csv', text('a,b')), true);
  });
});
