// The Bicep templates parse (tree-sitter-bicep, no ERROR or MISSING node) and keep the deployment policy; and each
// policy rule catches a template that breaks it, so a rule that stopped checking would fail here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../backend/src/ports/store.ts';
import { checkPolicy, loadInfra, RULE_NAMES } from './policy.ts';

const INFRA = resolve(import.meta.dirname, '..');
const MAIN = join(INFRA, 'azure.bicep');

/** The templates with one file's text changed (the change must apply, or the case proves nothing). */
function altered(file: string, from: string | RegExp, to: string) {
  return loadInfra(MAIN, (f) => {
    const source = readFileSync(f, 'utf8');
    if (f !== join(INFRA, file)) return source;
    const changed = source.replace(from, to);
    expect(changed, `${file} does not contain ${String(from)}`).not.toBe(source);
    return changed;
  });
}

describe('the Bicep templates', () => {
  it('parse and keep every rule', () => {
    expect(checkPolicy(loadInfra(MAIN), COLLECTIONS)).toEqual([]);
  });

  it('are all reached from azure.bicep, so every file is checked', () => {
    const onDisk = ['azure.bicep', ...readdirSync(join(INFRA, 'modules')).map((f) => `modules/${f}`)]
      .filter((f) => f.endsWith('.bicep'))
      .map((f) => join(INFRA, f))
      .sort();
    expect(
      loadInfra(MAIN)
        .map((f) => f.file)
        .sort(),
    ).toEqual(onDisk);
  });
});

const CASES: [rule: string, file: string, from: string | RegExp, to: string][] = [
  ['syntax', 'modules/storage.bicep', "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_2"],
  ['syntax', 'azure.bicep', 'module cosmos ', 'module cosmos = '],
  ['region', 'azure.bicep', "param location string = 'australiaeast'", "param location string = 'westus2'"],
  ['region', 'modules/storage.bicep', /location: location/, "location: 'eastus'"],
  ['region', 'modules/identity.bicep', /location: location/, "location: 'global'"],
  ['region', 'azure.bicep', /location: location/, "location: 'southeastasia'"],
  ['cosmos', 'modules/cosmos.bicep', 'disableLocalAuth: true', 'disableLocalAuth: false'],
  ['cosmos', 'modules/cosmos.bicep', "minimalTlsVersion: 'Tls12'", "minimalTlsVersion: 'Tls'"],
  ['cosmos', 'modules/cosmos.bicep', "type: 'Continuous'", "type: 'Periodic'"],
  ['cosmos', 'modules/cosmos.bicep', "  'ratelimits'\n", ''],
  ['cosmos', 'modules/cosmos.bicep', "'/pk'", "'/tenantId'"],
  ['cosmos', 'modules/cosmos.bicep', /@allowed\(\[\n {2}'serverless'\n {2}'autoscale'\n\]\)\n/, ''],
  ['storage', 'modules/storage.bicep', 'allowSharedKeyAccess: false', 'allowSharedKeyAccess: true'],
  ['storage', 'modules/storage.bicep', "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'"],
  ['storage', 'modules/storage.bicep', 'isVersioningEnabled: true', 'isVersioningEnabled: false'],
  [
    'storage',
    'modules/storage.bicep',
    /immutableStorageWithVersioning: \{\n\s+enabled: true/,
    'immutableStorageWithVersioning: {\n      enabled: false',
  ],
  ['storage', 'modules/storage.bicep', '@minValue(2557)', '@minValue(365)'],
  [
    'storage',
    'modules/storage.bicep',
    'immutabilityPeriodSinceCreationInDays: auditRetentionDays',
    'immutabilityPeriodSinceCreationInDays: 30',
  ],
  ['storage', 'azure.bicep', '@minValue(2557)', '@minValue(1)'],
  ['key-vault', 'modules/keyvault.bicep', 'enableRbacAuthorization: true', 'enableRbacAuthorization: false'],
  [
    'key-vault',
    'modules/keyvault.bicep',
    'enableRbacAuthorization: true',
    'enableRbacAuthorization: true\n    accessPolicies: []',
  ],
  ['bot', 'modules/bot.bicep', "msaAppType: 'UserAssignedMSI'", "msaAppType: 'MultiTenant'"],
  ['bot', 'modules/bot.bicep', "channelName: 'MsTeamsChannel'", "channelName: 'WebChatChannel'"],
  [
    'no-registry-modules',
    'azure.bicep',
    "module bot 'modules/bot.bicep'",
    "module bot 'br/public:avm/res/bot-service/bot-service:0.4.0'",
  ],
  [
    'no-registry-modules',
    'azure.bicep',
    "module bot 'modules/bot.bicep'",
    "module bot 'modules/no-such-module.bicep'",
  ],
  ['app-service', 'modules/appservice.bicep', 'httpsOnly: true', 'httpsOnly: false'],
  ['app-service', 'modules/appservice.bicep', "minTlsVersion: '1.2'", "minTlsVersion: '1.0'"],
  ['app-service', 'modules/appservice.bicep', "ftpsState: 'Disabled'", "ftpsState: 'AllAllowed'"],
  [
    'app-service',
    'modules/appservice.bicep',
    "healthCheckPath: '/api/v1/health/ready'",
    "healthCheckPath: '/'",
  ],
  [
    'no-keys',
    'modules/storage.bicep',
    'output accountName string = account.name',
    'output accountName string = account.listKeys().keys[0].value',
  ],
];

describe('each policy rule catches a template that breaks it', () => {
  it('covers every rule', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(RULE_NAMES));
  });
  it.each(CASES)('%s: %s with %s changed', (rule, file, from, to) => {
    const violations = checkPolicy(altered(file, from, to), COLLECTIONS);
    expect(violations.map((v) => v.rule)).toContain(rule);
  });
});
