// `npm run admin:grant` as an operator runs it: the first admin of a fresh deployment, then signing in as that
// person through the real host gives the admin's rights.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestHost } from './support/host.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'donatello-grant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function grant(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/grant-admin.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => done({ code, out }));
  });
}

describe('npm run admin:grant', () => {
  it('makes the first admin, who can then administer through the API', async () => {
    const tenant = '6b0c2d4e-0000-4000-8000-00000000da11'; // the dev tenant, so a dev token can sign in as them
    const host = await startTestHost({}, dir);
    const alice =
      (await host.call('GET', '/dev/users')).body.users.find((u: any) => u.name === 'alice') ?? null;
    await host.stop();
    expect(alice).not.toBeNull();
    const first = await grant(['--tenant', tenant, '--user', alice.objectId, '--by', 'ops']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/^promoted: .* is org_admin in 6b0c2d4e/m);
    expect((await grant(['--tenant', tenant, '--user', alice.objectId, '--by', 'ops'])).out).toMatch(
      /^unchanged:/,
    );

    const again = await startTestHost({}, dir);
    try {
      const me = await again.call('GET', '/api/v1/me', { token: await again.token('alice') });
      expect(me.body.user.role).toBe('org_admin');
      const log = await again.call('GET', '/api/v1/audit?action=user.updated', {
        token: await again.token('carol'),
      });
      expect(log.body.items.at(-1).event).toMatchObject({
        actor: { system: 'admin-cli:ops' },
        target: { id: alice.objectId },
        after: { role: 'org_admin' },
      });
    } finally {
      await again.stop();
    }
    const bad = await grant(['--tenant', 'contoso', '--by', 'ops']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/--tenant: a GUID[\s\S]*--user: a GUID/);
  });
});
