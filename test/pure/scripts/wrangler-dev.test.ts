// `wrangler dev` as npm start runs it: wrangler's own CLI, with a failed
// proxied request no longer fatal (scripts/wrangler-dev.ts). Checked against the wrangler installed,
// so an upgrade that changes that code fails here instead of silently running the fatal one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { amendCli, NON_FATAL_PROXY_ERRORS, NON_FATAL_WITH_REQUESTS, wranglerCli } from '../../../scripts/wrangler-dev.ts';

describe('wrangler dev, amended', () => {
  it("treats a failed proxied request as wrangler treats its other non-fatal proxy errors, and changes nothing else", () => {
    const source = readFileSync(wranglerCli(), 'utf8');
    const amended = amendCli(source);
    assert.ok(amended !== null, "the installed wrangler's handleErrorEvent is the one expected");
    assert.equal(amended.length, source.length + NON_FATAL_WITH_REQUESTS.length - NON_FATAL_PROXY_ERRORS.length);
    assert.equal(amended.replace(NON_FATAL_WITH_REQUESTS, NON_FATAL_PROXY_ERRORS), source);
    // The error wrangler emits for a failed request ("Error inside ProxyWorker") is the one exempted.
    assert.ok(source.includes('this.emitErrorEvent("Error inside ProxyWorker", message.error)'));
  });

  it('refuses to amend code it does not recognise (wrangler is then run as it is)', () => {
    assert.equal(amendCli('nothing of wrangler here'), null);
    assert.equal(amendCli(`${NON_FATAL_PROXY_ERRORS} ${NON_FATAL_PROXY_ERRORS}`), null);
  });
});
