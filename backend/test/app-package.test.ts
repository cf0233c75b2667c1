// The Teams app package (appPackage/, scripts/package-teams.ts): the filled manifest against the vendored official
// schema, the icons Teams requires, and the zip read back by an independent reader.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_DIR, buildTeamsPackage, fillManifest, PackageError } from '../../scripts/teams/build.ts';
import { iconProblems } from '../../scripts/teams/icons.ts';
import { schemaErrors } from '../../scripts/teams/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const template = readFileSync(join(APP_DIR, 'manifest.template.json'), 'utf8');

const ENV = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '22222222-3333-4444-8555-666666666666',
  AAD_APP_CLIENT_ID: '33333333-4444-4555-8666-777777777777',
  AAD_APP_ID_URI: 'api://donatello.example.com/33333333-4444-4555-8666-777777777777',
  PUBLIC_HOSTNAME: 'donatello.example.com',
  TAB_ENDPOINT: 'https://donatello.example.com/tab',
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof PackageError) return err.problems;
    throw err;
  }
  throw new Error('expected a PackageError');
}

/** Reads a zip through its central directory (APPNOTE 4.3.12/4.3.16), independently of the writer. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

describe('Teams manifest', () => {
  it('filled from the environment, validates against the vendored v1.30 schema', () => {
    const manifest = fillManifest({ env: ENV, template }) as any;
    expect(schemaErrors(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(ENV.BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: any) => c.title)).toEqual([
      'imagine',
      'budget',
      'history',
      'help',
    ]);
    const [create, find] = manifest.composeExtensions[0].commands;
    expect(create).toMatchObject({
      id: 'createImage',
      type: 'action',
      title: 'Create image',
      fetchTask: true,
    });
    expect(create.context).toEqual(['compose', 'commandBox', 'message']);
    expect(find).toMatchObject({ id: 'findImage', type: 'query', title: 'Find image' });
    expect(find.parameters[0].name).toBe('query');
    expect(manifest.staticTabs[0].contentUrl).toBe('https://donatello.example.com/tab/gallery');
    expect(manifest.staticTabs[0]).toMatchObject({ entityId: 'gallery', scopes: ['personal'] });
    expect(manifest.configurableTabs[0].configurationUrl).toBe('https://donatello.example.com/tab/config');
    // Nested app authentication: Teams prefetches a token for the tab's origin and the API's scope.
    expect(manifest.webApplicationInfo).toEqual({
      id: ENV.AAD_APP_CLIENT_ID,
      resource: ENV.AAD_APP_ID_URI,
      nestedAppAuthInfo: [
        {
          redirectUri: 'brk-multihub://donatello.example.com',
          scopes: [`${ENV.AAD_APP_ID_URI}/access_as_user`],
        },
      ],
    });
    // PUBLIC_HOSTNAME and the tab's host coincide here: listed once.
    expect(manifest.validDomains).toEqual(['donatello.example.com']);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--dev fills every placeholder with local defaults that also validate', () => {
    const manifest = fillManifest({ env: {}, dev: true, template }) as any;
    expect(schemaErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.name.short).toBe('DonatelloAI (local)');
  });

  it('rejects broken manifests: no bot id, a wrong manifest version, an id that is not a GUID', () => {
    const good = fillManifest({ env: ENV, template }) as any;
    const noBotId = structuredClone(good);
    delete noBotId.bots[0].botId;
    expect(schemaErrors(noBotId).join('\n')).toMatch(/\/bots\/0.*botId/);

    const badVersion = { ...structuredClone(good), manifestVersion: '1.99' };
    expect(schemaErrors(badVersion).join('\n')).toMatch(/\/manifestVersion/);

    const badId = { ...structuredClone(good), id: 'donatello' };
    expect(schemaErrors(badId).join('\n')).toMatch(/\/id must match pattern/);
  });

  it('names every unset variable, and only those', () => {
    const { BOT_ID: _b, TAB_ENDPOINT: _t, ...partial } = ENV;
    const problems = problemsOf(() => fillManifest({ env: partial, template }));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['BOT_ID', 'TAB_ENDPOINT']);
    expect(problems[0]).toMatch(/^BOT_ID: missing/);
  });

  it('names invalid values and placeholders nobody fills', () => {
    const invalid = problemsOf(() =>
      fillManifest({
        env: { ...ENV, BOT_ID: 'bot', APP_VERSION: '1.0', TAB_ENDPOINT: 'http://x' },
        template,
      }),
    );
    expect(invalid).toEqual([
      'BOT_ID: "bot" is not a GUID',
      'TAB_ENDPOINT: "http://x" is not an https URL without a trailing /',
      'APP_VERSION: "1.0" is not x.y.z',
    ]);
    const unknown = problemsOf(() =>
      fillManifest({ env: ENV, template: template.replace('"DonatelloAI"', '"${{PUBLISHER_NAME}}"') }),
    );
    expect(unknown).toEqual(['PUBLISHER_NAME: no value for ${{PUBLISHER_NAME}}']);
  });

  it('the CLI exits non-zero and lists each missing variable', () => {
    const run = spawnSync(process.execPath, ['scripts/package-teams.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', BOT_ID: ENV.BOT_ID },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    for (const name of [
      'TEAMS_APP_ID',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_ID_URI',
      'PUBLIC_HOSTNAME',
      'TAB_ENDPOINT',
    ])
      expect(run.stderr).toContain(`${name}: missing`);
    expect(run.stderr).not.toContain('BOT_ID');
  });
});

describe('Teams icons', () => {
  const color = readFileSync(join(APP_DIR, 'color.png'));
  const outline = readFileSync(join(APP_DIR, 'outline.png'));

  it('are 192×192 and 32×32 PNGs with alpha; the outline is white on transparent corners', async () => {
    const c = await sharp(color).metadata();
    expect([c.format, c.width, c.height, c.hasAlpha]).toEqual(['png', 192, 192, true]);
    const o = await sharp(outline).metadata();
    expect([o.format, o.width, o.height, o.hasAlpha]).toEqual(['png', 32, 32, true]);
    const { data } = await sharp(outline).raw().toBuffer({ resolveWithObject: true });
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ])
      expect(data[(y! * 32 + x!) * 4 + 3]).toBe(0);
    expect(await iconProblems(color, outline)).toEqual([]);
  });

  it('the check refuses swapped icons and an opaque, coloured outline', async () => {
    const swapped = await iconProblems(outline, color);
    expect(swapped).toContain('color.png: is 32×32, not 192×192');
    expect(swapped).toContain('outline.png: is 192×192, not 32×32');
    const opaque = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#5B3FD9' } })
      .png()
      .toBuffer();
    const problems = await iconProblems(color, opaque);
    expect(problems).toContain('outline.png: the corners are not transparent');
    expect(problems).toContain('outline.png: 1024 visible pixels are not white');
  });
});

describe('Teams app package zip', () => {
  const out = mkdtempSync(join(tmpdir(), 'teams-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds exactly manifest.json, color.png and outline.png at the root, intact', async () => {
    const { zipPath, manifest } = await buildTeamsPackage({ env: ENV, outDir: out });
    expect(zipPath).toBe(join(out, 'donatello-teams.zip'));
    const files = readZip(readFileSync(zipPath));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(files.get('color.png')!.equals(readFileSync(join(APP_DIR, 'color.png')))).toBe(true);
    expect(files.get('outline.png')!.equals(readFileSync(join(APP_DIR, 'outline.png')))).toBe(true);
    // A second opinion where Info-ZIP is installed (Debian has it); the reader above is the one always run.
    if (existsSync('/usr/bin/unzip'))
      expect(execFileSync('/usr/bin/unzip', ['-tq', zipPath]).toString()).toMatch(/No errors/);
  });

  it('is byte-identical for identical inputs', async () => {
    const a = readFileSync((await buildTeamsPackage({ env: ENV, outDir: join(out, 'a') })).zipPath);
    const b = readFileSync((await buildTeamsPackage({ env: ENV, outDir: join(out, 'b') })).zipPath);
    expect(a.equals(b)).toBe(true);
  });

  it('is not written when validation fails', async () => {
    await expect(
      buildTeamsPackage({ env: { ...ENV, BOT_ID: '' }, outDir: join(out, 'bad') }),
    ).rejects.toThrow(/BOT_ID: missing/);
    expect(existsSync(join(out, 'bad', 'donatello-teams.zip'))).toBe(false);
  });
});
