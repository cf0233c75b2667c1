// teamsapp.yml and teamsapp.local.yml against the toolkit's vendored YAML schema and the cross-checks the toolkit
// only makes halfway through a real provision; and each check catches a file that breaks it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkToolkitProject, type ProjectCheck } from './teamsapp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AZURE: ProjectCheck = {
  yml: join(ROOT, 'teamsapp.yml'),
  envs: [
    { name: 'dev', ordered: true },
    { name: 'ci', ordered: false },
  ],
};
const LOCAL: ProjectCheck = {
  yml: join(ROOT, 'teamsapp.local.yml'),
  envs: [{ name: 'local', ordered: true }],
};

/** The project with one file's text changed (the change must apply). */
function altered(check: ProjectCheck, file: string, from: string | RegExp, to: string): ProjectCheck {
  return {
    ...check,
    read: (f) => {
      const text = readFileSync(f, 'utf8');
      if (f !== join(ROOT, file)) return text;
      const changed = text.replace(from, to);
      expect(changed, `${file} does not contain ${String(from)}`).not.toBe(text);
      return changed;
    },
  };
}

describe('the toolkit project files', () => {
  it('teamsapp.yml passes the schema and the cross-checks for dev and ci', () => {
    expect(checkToolkitProject(AZURE)).toEqual([]);
  });
  it('teamsapp.local.yml passes them for a developer tenant', () => {
    expect(checkToolkitProject(LOCAL)).toEqual([]);
  });
});

describe('each check catches a file that breaks it', () => {
  const cases: [
    what: string,
    check: ProjectCheck,
    file: string,
    from: string | RegExp,
    to: string,
    problem: RegExp,
  ][] = [
    [
      'an unknown action',
      AZURE,
      'teamsapp.yml',
      'uses: teamsApp/create',
      'uses: teamsApp/creat',
      /schema: \/provision\/0/,
    ],
    [
      'a misspelt parameter',
      AZURE,
      'teamsapp.yml',
      'artifactFolder: .',
      'artifactFolders: .',
      /schema: \/deploy\/2/,
    ],
    [
      'a version teamsapp does not accept',
      AZURE,
      'teamsapp.yml',
      'version: v1.8',
      'version: v1.9',
      /version v1\.9; use v1\.8/,
    ],
    [
      'an undefined variable',
      AZURE,
      'teamsapp.yml',
      'name: DonatelloAI${{APP_NAME_SUFFIX}}',
      'name: DonatelloAI${{APP_SUFFIX}}',
      /uses \$\{\{APP_SUFFIX\}\}, which is not in env\/\.env\.dev/,
    ],
    [
      'an undefined variable in the Teams manifest',
      AZURE,
      'appPackage/manifest.template.json',
      '"${{TEAMS_APP_ID}}"',
      '"${{TEAMS_APP_GUID}}"',
      /teamsApp\/validateManifest uses \$\{\{TEAMS_APP_GUID\}\}/,
    ],
    [
      'an undefined variable in the Entra manifest',
      AZURE,
      'aad.manifest.json',
      'brk-multihub://${{PUBLIC_HOSTNAME}}',
      'brk-multihub://${{HOSTNAME}}',
      /aadApp\/update uses \$\{\{HOSTNAME\}\}/,
    ],
    [
      'a variable used before the action that writes it',
      AZURE,
      'teamsapp.yml',
      / {2}- uses: teamsApp\/create\n(.*\n){4}/,
      '',
      /provision\[\d\] .* uses \$\{\{TEAMS_APP_ID\}\}, which is not in env\/\.env\.dev nor written by an earlier action/,
    ],
    [
      'a Bicep output that is gone',
      AZURE,
      'infra/azure.bicep',
      'output PUBLIC_HOSTNAME string',
      'output HOSTNAME string',
      /uses \$\{\{PUBLIC_HOSTNAME\}\}/,
    ],
    [
      'a parameter Bicep does not have',
      AZURE,
      'infra/azure.parameters.json',
      '"appServiceSku"',
      '"appServiceSize"',
      /"appServiceSize" is not a param of \.\/infra\/azure\.bicep/,
    ],
    [
      'a required Bicep parameter left out',
      AZURE,
      'infra/azure.parameters.json',
      /\s*"teamsAppId": \{ "value": "\$\{\{TEAMS_APP_ID\}\}" \},/,
      '',
      /needs param "teamsAppId"/,
    ],
    [
      'a zipDeploy target that is no Bicep output',
      AZURE,
      'teamsapp.yml',
      'resourceId: ${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}',
      'resourceId: ${{AZURE_STORAGE_ACCOUNT_URL_X}}',
      /resourceId \$\{\{AZURE_STORAGE_ACCOUNT_URL_X\}\} is not a Bicep output/,
    ],
    [
      'a secret in a committed env file',
      AZURE,
      'env/.env.dev',
      'AZURE_LOCATION=australiaeast',
      'AZURE_LOCATION=australiaeast\nSECRET_OPENAI_API_KEY=sk-x',
      /SECRET_OPENAI_API_KEY is a secret/,
    ],
    [
      'a secret nobody writes',
      LOCAL,
      'teamsapp.local.yml',
      'BOT_PASSWORD: ${{SECRET_BOT_PASSWORD}}',
      'BOT_PASSWORD: ${{SECRET_BOT_PASS}}',
      /uses \$\{\{SECRET_BOT_PASS\}\}/,
    ],
    [
      'a file that does not exist',
      LOCAL,
      'teamsapp.local.yml',
      'manifestPath: ./aad.manifest.json',
      'manifestPath: ./entra.manifest.json',
      /names \.\/entra\.manifest\.json, which does not exist/,
    ],
  ];
  it.each(cases)('%s', (_what, check, file, from, to, problem) => {
    const problems = checkToolkitProject(altered(check, file, from, to));
    expect(
      problems.some((p) => problem.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});
