// The Office add-in manifest (office-addin/manifest.template.xml, `npm run package:office`): filled from the
// environment, valid against the vendored official schemas, and broken manifests refused with clear messages.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageError } from '../teams/build.ts';
import { ADDIN_DIR, buildOfficeManifest, fillOfficeManifest, officeManifestProblems } from './build.ts';
import { tagsOf } from './rules.ts';
import { SCHEMA_DIR, xsdErrors } from './xsd.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const template = readFileSync(join(ADDIN_DIR, 'manifest.template.xml'), 'utf8');

const ENV = {
  OFFICE_ADDIN_ID: '44444444-5555-4666-8777-888888888888',
  AAD_APP_CLIENT_ID: '33333333-4444-4555-8666-777777777777',
  AAD_APP_ID_URI: 'api://donatello.example.com/33333333-4444-4555-8666-777777777777',
  PUBLIC_HOSTNAME: 'donatello.example.com',
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

const good = fillOfficeManifest({ env: ENV, template });
/** The 1-based line of the first occurrence of `needle`, found by plain text search. */
const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;
const text = (name: string) => tagsOf(good).filter((t) => t.name === name);
const attr = (name: string, a: string) => text(name).map((t) => t.attributes[a]);

describe('Office add-in manifest', () => {
  it('filled from the environment, it is valid against the vendored schemas and Office’s rules', async () => {
    expect(await officeManifestProblems(good)).toEqual([]);
    expect(text('Id')[0]!.text).toBe(ENV.OFFICE_ADDIN_ID);
    expect(text('Version')[0]!.text).toMatch(/^\d+\.\d+\.\d+$/);
    expect(attr('OfficeApp', 'xsi:type')).toEqual(['TaskPaneApp']);
    expect(attr('Host', 'Name').filter(Boolean)).toEqual(['Presentation', 'Document']);
    expect(attr('Host', 'xsi:type').filter(Boolean)).toEqual(['Presentation', 'Document']);
    expect(attr('SourceLocation', 'DefaultValue')[0]).toBe(
      'https://donatello.example.com/addin/taskpane.html',
    );
    expect(text('Permissions')[0]!.text).toBe('ReadWriteDocument');
    // Both hosts: a "Generate image" button in a group on the Home tab that opens the task pane.
    expect(attr('OfficeTab', 'id')).toEqual(['TabHome', 'TabHome']);
    expect(attr('Control', 'id')).toEqual(['Donatello.PowerPoint.Generate', 'Donatello.Word.Generate']);
    expect(attr('Action', 'xsi:type')).toEqual(['ShowTaskpane', 'ShowTaskpane']);
    const strings = Object.fromEntries(
      text('bt:String').map((t) => [t.attributes.id, t.attributes.DefaultValue]),
    );
    expect(strings['Generate.Label']).toBe('Generate image');
    const urls = Object.fromEntries(text('bt:Url').map((t) => [t.attributes.id, t.attributes.DefaultValue]));
    expect(urls['Taskpane.Url']).toBe('https://donatello.example.com/addin/taskpane.html');
    // Single sign-on: the Entra app and its Application ID URI on the add-in's host.
    const sso = good.slice(good.indexOf('<WebApplicationInfo>'), good.indexOf('</WebApplicationInfo>'));
    expect(sso).toContain(`<Id>${ENV.AAD_APP_CLIENT_ID}</Id>`);
    expect(sso).toContain(`<Resource>${ENV.AAD_APP_ID_URI}</Resource>`);
    expect(good).not.toContain('${{');
  });

  it('--dev fills every placeholder with local defaults that also validate', async () => {
    const dev = fillOfficeManifest({ env: {}, dev: true, template });
    expect(await officeManifestProblems(dev)).toEqual([]);
    expect(dev).toContain('<DisplayName DefaultValue="DonatelloAI (local)"/>');
    expect(dev).toContain('https://localhost:3978/addin/taskpane.html');
  });

  it('a manifest without its <Id> fails the schema, naming the line and what was expected', async () => {
    const noId = good.replace(/\s*<Id>[^<]*<\/Id>/, '');
    const errors = await xsdErrors(noId);
    expect(errors).toEqual([
      `line ${lineOf(noId, '<Version>')}: Element 'Version': This element is not expected. Expected is ( Id ).`,
    ]);
  });

  it('a malformed id, elements out of order and an unknown ribbon element fail the schema', async () => {
    expect((await xsdErrors(good.replace(ENV.OFFICE_ADDIN_ID, 'donatello'))).join('\n')).toMatch(
      /Element 'Id': \[facet 'pattern'\] The value 'donatello' is not accepted/,
    );
    const swapped = good.replace(
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/,
      '$3$2$1',
    );
    expect((await xsdErrors(swapped)).join('\n')).toMatch(
      /Element 'ProviderName': This element is not expected/,
    );
    const unknown = good.replace('<Label resid="Group.Label"/>', '<Caption resid="Group.Label"/>');
    expect((await xsdErrors(unknown)).join('\n')).toMatch(/Element 'Caption': This element is not expected/);
  });

  it('bad URLs are refused with the line, the element and why', async () => {
    const http = good.replace(
      'DefaultValue="https://donatello.example.com/addin/taskpane.html"/>\n  </DefaultSettings>',
      'DefaultValue="http://donatello.example.com/addin/taskpane.html"/>\n  </DefaultSettings>',
    );
    expect(await officeManifestProblems(http)).toEqual([
      `line ${lineOf(http, '"http://donatello')}: <SourceLocation> "http://donatello.example.com/addin/taskpane.html" must use https (Office loads add-in content only over https)`,
    ]);
    const relative = good.replace(
      '<bt:Image id="Icon.80" DefaultValue="https://donatello.example.com/addin/assets/icon-80.png"/>',
      '<bt:Image id="Icon.80" DefaultValue="assets/icon-80.png"/>',
    );
    expect(await officeManifestProblems(relative)).toEqual([
      `line ${lineOf(relative, '"assets/icon-80.png"')}: <bt:Image> "assets/icon-80.png" is not an absolute URL`,
    ]);
    const domain = good.replace(
      '<AppDomain>https://login.microsoftonline.com',
      '<AppDomain>login.microsoftonline.com',
    );
    expect(await officeManifestProblems(domain)).toEqual([
      `line ${lineOf(domain, '<AppDomain>')}: <AppDomain> "login.microsoftonline.com" is not an absolute URL`,
    ]);
  });

  it('a bad URL from the environment is named before the template is filled', () => {
    expect(
      problemsOf(() =>
        fillOfficeManifest({ env: { ...ENV, PUBLIC_HOSTNAME: 'https://x.example.com/' }, template }),
      ),
    ).toEqual(['PUBLIC_HOSTNAME: "https://x.example.com/" is not a host name such as donatello.example.com']);
  });

  it('names every unset variable, and only the ones the add-in manifest uses', () => {
    const { OFFICE_ADDIN_ID: _o, AAD_APP_ID_URI: _a, ...partial } = ENV;
    const problems = problemsOf(() => fillOfficeManifest({ env: partial, template }));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['AAD_APP_ID_URI', 'OFFICE_ADDIN_ID']);
    expect(problems.join('\n')).not.toMatch(/BOT_ID|TEAMS_APP_ID|TAB_ENDPOINT/);
  });

  it('an Application ID URI on another host is refused: Office single sign-on would fail', () => {
    expect(
      problemsOf(() =>
        fillOfficeManifest({
          env: { ...ENV, AAD_APP_ID_URI: `api://other.example.com/${ENV.AAD_APP_CLIENT_ID}` },
          template,
        }),
      ),
    ).toEqual([
      `AAD_APP_ID_URI: "api://other.example.com/${ENV.AAD_APP_CLIENT_ID}" must be api://donatello.example.com/${ENV.AAD_APP_CLIENT_ID} for Office single sign-on (the add-in's host, then its client id)`,
    ]);
  });

  it('values are escaped as XML', async () => {
    const xml = fillOfficeManifest({ env: { ...ENV, APP_NAME_SUFFIX: ' <R&D>' }, template });
    expect(xml).toContain('<DisplayName DefaultValue="DonatelloAI &lt;R&amp;D&gt;"/>');
    expect(await xsdErrors(xml)).toEqual([]);
  });

  it('resid references must name a resource and stay within 32 characters', async () => {
    const dangling = good.replace('<Label resid="Generate.Label"/>', '<Label resid="Generate.Title"/>');
    expect(await officeManifestProblems(dangling)).toEqual([
      `line ${lineOf(dangling, 'Generate.Title')}: resid "Generate.Title" names no resource in <Resources>`,
    ]);
  });
});

describe('Office add-in icons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'office-icons-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the committed icons are the PNG sizes the manifest names', async () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const meta = await sharp(readFileSync(join(ADDIN_DIR, `public/assets/icon-${size}.png`))).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
  });

  it('a missing or wrongly sized icon is named', async () => {
    writeFileSync(
      join(dir, 'icon-16.png'),
      await sharp({ create: { width: 20, height: 20, channels: 4, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    for (const size of [32, 64])
      writeFileSync(
        join(dir, `icon-${size}.png`),
        readFileSync(join(ADDIN_DIR, `public/assets/icon-${size}.png`)),
      );
    expect(await officeManifestProblems(good, dir)).toEqual([
      'icon-16.png: is a 20×20 png, not a 16×16 PNG',
      'icon-80.png: missing from office-addin/public/assets (run node scripts/make-office-icons.ts)',
    ]);
  });
});

describe('npm run package:office', () => {
  const out = mkdtempSync(join(tmpdir(), 'office-manifest-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the validated manifest, and nothing when validation fails', async () => {
    const { path, xml } = await buildOfficeManifest({ env: ENV, outDir: out });
    expect(path).toBe(join(out, 'manifest.xml'));
    expect(readFileSync(path, 'utf8')).toBe(xml);
    const bad = join(out, 'bad');
    mkdirSync(bad);
    await expect(
      buildOfficeManifest({ env: ENV, outDir: bad, template: template.replace('<Id>', '<Identifier>') }),
    ).rejects.toThrow(/The add-in manifest is not valid/);
    expect(existsSync(join(bad, 'manifest.xml'))).toBe(false);
  });

  it('the CLI exits non-zero and lists each missing variable', () => {
    const run = spawnSync(process.execPath, ['scripts/package-office.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PUBLIC_HOSTNAME: 'donatello.example.com' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    for (const name of ['AAD_APP_CLIENT_ID', 'AAD_APP_ID_URI', 'OFFICE_ADDIN_ID'])
      expect(run.stderr).toContain(`${name}: missing`);
    expect(run.stderr).not.toContain('PUBLIC_HOSTNAME');
  });

  it('the vendored schemas are byte-identical to the published files (README hashes)', () => {
    const readme = readFileSync(join(SCHEMA_DIR, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/\| `([\w.]+\.xsd)`\s*\| `([0-9a-f]{64})` \|/g)];
    expect(rows).toHaveLength(5);
    for (const [, file, hash] of rows)
      expect(
        createHash('sha256')
          .update(readFileSync(join(SCHEMA_DIR, file!)))
          .digest('hex'),
      ).toBe(hash);
  });
});
