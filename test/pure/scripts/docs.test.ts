// docs/api.md lists the error codes from the one list the routes use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { API_DOC, withErrorCodes } from '../../../scripts/docs.ts';

describe('docs/api.md', () => {
  it('lists every HTTP error code the routes may answer, as worker/http/error-codes.ts has them (npm run docs)', () => {
    const doc = readFileSync(API_DOC, 'utf8');
    assert.equal(withErrorCodes(doc), doc);
  });
});
