// Identity verification's check, on its own: a signature made with the secret passes (whatever the
// email's case), and nothing else does: another secret, a changed payload or signature, an
// expired or too long-lived identity, a payload that is not the JSON object it must be.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { MAX_IDENTITY_LIFETIME_S, signIdentity, verifyIdentity } from '../../../../worker/auth/signed-identity.ts';

const SECRET = 'a-secret-shared-with-the-site';
const NOW = Date.UTC(2026, 11, 1, 12);
const inAnHour = NOW / 1000 + 3600;

/** What docs/identity.md tells a Node site to do, word for word. */
function asASiteSigns(claims: object, secret = SECRET): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('hex')}`;
}

describe('verifyIdentity', () => {
  it('accepts what a site signs as the docs say, with the email as stored (trimmed, lower case)', async () => {
    const checked = await verifyIdentity(SECRET, asASiteSigns({ email: ' Ann@Example.COM ', id: 'u-7', name: 'Ann', exp: inAnHour }), NOW);
    assert.deepEqual(checked, { ok: true, identity: { email: 'ann@example.com', externalId: 'u-7', name: 'Ann' } });
    assert.equal(await signIdentity(SECRET, { email: 'a@b.co', exp: inAnHour }), asASiteSigns({ email: 'a@b.co', exp: inAnHour }));
  });

  it('refuses another secret, a changed payload or signature, and anything not shaped as an identity', async () => {
    const good = asASiteSigns({ email: 'ann@example.com', exp: inAnHour });
    const [payload, signature] = good.split('.') as [string, string];
    const other = asASiteSigns({ email: 'eve@example.com', exp: inAnHour }).split('.')[0]!;
    for (const token of [
      asASiteSigns({ email: 'ann@example.com', exp: inAnHour }, 'another-secret'),
      `${other}.${signature}`,
      `${payload}.${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
      `${payload}.${signature.toUpperCase()}`,
      `${payload}.${signature} `,
      payload,
      '',
      asASiteSigns(['ann@example.com']),
      asASiteSigns({ email: 'not an email', exp: inAnHour }),
      asASiteSigns({ email: 'ann@example.com' }),
      asASiteSigns({ email: 'ann@example.com', exp: inAnHour, name: '\u202Eevil' }),
      asASiteSigns({ email: 'ann@example.com', exp: inAnHour, id: 42 }),
    ]) {
      const checked = await verifyIdentity(SECRET, token, NOW);
      assert.equal(checked.ok, false, token);
      assert.equal(!checked.ok && checked.code, 'identity_invalid', token);
    }
  });

  it('refuses an expired identity and one that would last more than a day', async () => {
    const expired = await verifyIdentity(SECRET, asASiteSigns({ email: 'ann@example.com', exp: NOW / 1000 }), NOW);
    assert.equal(!expired.ok && expired.code, 'identity_expired');
    const forever = await verifyIdentity(SECRET, asASiteSigns({ email: 'ann@example.com', exp: NOW / 1000 + MAX_IDENTITY_LIFETIME_S + 60 }), NOW);
    assert.equal(!forever.ok && forever.code, 'identity_invalid');
  });

  it('refuses every identity when no secret is set', async () => {
    const checked = await verifyIdentity(undefined, asASiteSigns({ email: 'ann@example.com', exp: inAnHour }), NOW);
    assert.equal(!checked.ok && checked.code, 'identity_unavailable');
  });
});
