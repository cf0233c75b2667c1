import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DevIssuer } from './dev-issuer.ts';
import type { Principal } from './principal.ts';
import { TokenVerifier } from './token-verifier.ts';
import { VerifiedTokens } from './verified-tokens.ts';

const TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
const OID = '0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b';
const dir = mkdtempSync(join(tmpdir(), 'donatello-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const principal: Principal = {
  tenantId: TENANT,
  objectId: OID,
  name: 'Alice',
  username: null,
  scopes: ['access_as_user'],
  issuer: 'dev',
};

describe('VerifiedTokens', () => {
  it('serves a token until its exp, never after', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokens({ maxEntries: 10, now: () => now });
    cache.remember('t', principal, 1_060); // exp in seconds: 60 s from now
    expect(cache.get('t')).toEqual(principal);
    now = 1_059_999;
    expect(cache.get('t')).toEqual(principal);
    now = 1_060_000;
    expect(cache.get('t')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('does not remember a token that has expired or has no exp', () => {
    const cache = new VerifiedTokens({ maxEntries: 10, now: () => 2_000_000 });
    cache.remember('old', principal, 1_999);
    cache.remember('none', principal, undefined);
    cache.remember('text', principal, '9999999999');
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new VerifiedTokens({ maxEntries: 2, now: () => 0 });
    for (const t of ['a', 'b', 'c']) cache.remember(t, principal, 100);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).not.toBeNull();
    expect(cache.get('c')).not.toBeNull();
  });

  it('hands out a principal nobody can change', () => {
    const cache = new VerifiedTokens({ maxEntries: 2, now: () => 0 });
    cache.remember('t', { ...principal, scopes: ['access_as_user'] }, 100);
    const got = cache.get('t')!;
    expect(() => ((got as { objectId: string }).objectId = 'other')).toThrow();
    expect(() => got.scopes.push('admin')).toThrow();
  });
});

describe('TokenVerifier with remembered tokens', () => {
  it('answers a repeated token from memory and still refuses a token it never verified', async () => {
    const issuer = await DevIssuer.load(join(dir, 'key.json'), TENANT);
    const verifier = new TokenVerifier([issuer]);
    const { token } = await issuer.sign({ oid: OID, name: 'Alice', preferred_username: 'alice@x' });
    const first = await verifier.verify(token);
    expect(first).toMatchObject({ tenantId: TENANT, objectId: OID, issuer: 'dev' });
    expect(await verifier.verify(token)).toBe(await verifier.verify(token));
    // One changed character in the signature is another token: verified from scratch, and refused.
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await expect(verifier.verify(tampered)).rejects.toThrow(/signature|malformed|verified/);
  });

  it('remembers nothing when the cache is switched off', async () => {
    const issuer = await DevIssuer.load(join(dir, 'key.json'), TENANT);
    const verifier = new TokenVerifier([issuer], { cacheEntries: 0 });
    const { token } = await issuer.sign({ oid: OID, name: 'Alice', preferred_username: 'alice@x' });
    expect(await verifier.verify(token)).not.toBe(await verifier.verify(token));
  });
});
