// The deployment policy of issue #13, checked on the Bicep source (bicep.ts) because no compiler runs offline:
// Australia East for everything but the bot, no keys anywhere (Cosmos DB local auth off, no shared keys on
// Storage, no listKeys), TLS 1.2+, version-level WORM on the audit container for at least 2,557 days, Key Vault
// on RBAC only, a UserAssignedMSI bot, App Service hardened and health-checked, no registry (`br:`) modules, and
// every store collection declared as a Cosmos DB container. Each rule has a test that a violating file fails
// (policy.test.ts); do not relax a rule without changing its test and docs/deploy.md.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { at, isExpr, parseBicep, type BicepFile, type Value } from './bicep.ts';

export interface Violation {
  rule: string;
  file: string;
  message: string;
}

export const MIN_AUDIT_DAYS = 2557;
const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';
const BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

/** Reads the main template and every module it uses. `read` lets tests hand in altered sources. */
export function loadInfra(
  main: string,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): BicepFile[] {
  const files: BicepFile[] = [];
  const queue = [main];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const parsed = parseBicep(file, read(file));
    files.push(parsed);
    for (const m of parsed.modules) {
      // Registry modules are never fetched and missing files never read: the rules report both.
      const path = join(dirname(file), m.path);
      if (!/^(br|ts)[:/]/.test(m.path) && m.path.endsWith('.bicep') && existsSync(path)) queue.push(path);
    }
  }
  return files;
}

const text = (v: Value | undefined) => (isExpr(v) ? v.expr : JSON.stringify(v));
const of = (files: BicepFile[], type: string) =>
  files.flatMap((f) => f.resources.filter((r) => r.type === type).map((r) => ({ f, r })));
const roleIn = (files: BicepFile[], roleId: string) =>
  files.some(
    (f) => Object.values(f.vars).includes(roleId) || f.resources.some((r) => text(r.body).includes(roleId)),
  );

/** The least value an expression can take: a literal, or a parameter's @minValue (and its default). */
function least(f: BicepFile, v: Value | undefined): number | null {
  if (typeof v === 'number') return v;
  if (isExpr(v)) {
    const p = f.params.find((x) => x.name === v.expr.trim());
    const min = p?.decorators.minValue?.[0];
    if (
      p &&
      typeof min === 'number' &&
      (p.default === undefined || (typeof p.default === 'number' && p.default >= min))
    )
      return min;
  }
  return null;
}

type Rule = (files: BicepFile[], extra: { collections: readonly string[] }) => Omit<Violation, 'rule'>[];

const RULES: Record<string, Rule> = {
  syntax: (files) => files.flatMap((f) => f.syntax.map((message) => ({ file: f.file, message }))),

  'no-registry-modules': (files) =>
    files.flatMap((f) =>
      f.modules
        .filter(
          (m) =>
            /^(br|ts)[:/]/.test(m.path) ||
            !m.path.endsWith('.bicep') ||
            !existsSync(join(dirname(f.file), m.path)),
        )
        .map((m) => ({
          file: f.file,
          message: `module ${m.symbol} uses ${m.path}: only local modules build offline`,
        })),
    ),

  region: (files) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const main = files[0]!;
    const loc = main.params.find((p) => p.name === 'location');
    if (loc?.default !== 'australiaeast')
      out.push({ file: main.file, message: 'param location must default to australiaeast' });
    for (const f of files) {
      for (const r of f.resources) {
        const l = r.body.location;
        if (l === undefined) continue;
        const bot = r.type.startsWith('Microsoft.BotService/botServices');
        if (l === 'global' && bot) continue;
        if (isExpr(l) && l.expr === 'location' && !bot) continue;
        out.push({
          file: f.file,
          message: `${r.symbol} (${r.type}) has location ${text(l)}: only the bot is global, the rest use location`,
        });
      }
      for (const m of f.modules) {
        const l = at(m.body, 'params.location');
        if (l !== undefined && !(isExpr(l) && l.expr === 'location'))
          out.push({ file: f.file, message: `module ${m.symbol} gets location ${text(l)}` });
      }
    }
    return out;
  },

  cosmos: (files, { collections }) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const accounts = of(files, 'Microsoft.DocumentDB/databaseAccounts');
    if (accounts.length === 0) out.push({ file: files[0]!.file, message: 'no Cosmos DB account' });
    for (const { f, r } of accounts) {
      const p = (k: string) => at(r.body, `properties.${k}`);
      if (p('disableLocalAuth') !== true)
        out.push({ file: f.file, message: `${r.symbol}: disableLocalAuth must be true (no keys)` });
      if (p('minimalTlsVersion') !== 'Tls12')
        out.push({ file: f.file, message: `${r.symbol}: minimalTlsVersion must be Tls12` });
      if (at(r.body, 'properties.backupPolicy.type') !== 'Continuous')
        out.push({ file: f.file, message: `${r.symbol}: backupPolicy must be Continuous` });
      const mode = f.params.find(
        (x) => JSON.stringify(x.decorators.allowed?.[0]) === '["serverless","autoscale"]',
      );
      if (!mode)
        out.push({ file: f.file, message: 'the capacity mode (serverless | autoscale) must be a parameter' });
    }
    const declared = new Map<string, Value | undefined>();
    for (const { f, r } of of(files, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers')) {
      const pk = at(r.body, 'properties.resource.partitionKey.paths');
      const loop = r.loop ? /in\s+(\w+)\s*$/.exec(r.loop)?.[1] : undefined;
      const names = loop ? f.vars[loop] : [r.body.name];
      if (!Array.isArray(names)) {
        out.push({ file: f.file, message: `${r.symbol}: container names must be literal` });
        continue;
      }
      for (const n of names) declared.set(typeof n === 'string' ? n : JSON.stringify(n), pk);
    }
    for (const c of collections) {
      const pk = declared.get(c);
      if (!declared.has(c))
        out.push({
          file: files[0]!.file,
          message: `the store's collection "${c}" has no Cosmos DB container`,
        });
      else if (JSON.stringify(pk) !== '["/pk"]')
        out.push({ file: files[0]!.file, message: `container ${c} must be partitioned on /pk` });
    }
    if (
      !roleIn(files, COSMOS_DATA_CONTRIBUTOR) ||
      of(files, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments').length === 0
    )
      out.push({
        file: files[0]!.file,
        message: 'the identity needs the Cosmos DB Built-in Data Contributor role',
      });
    return out;
  },

  storage: (files) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const accounts = of(files, 'Microsoft.Storage/storageAccounts');
    if (accounts.length === 0) out.push({ file: files[0]!.file, message: 'no storage account' });
    for (const { f, r } of accounts) {
      const want: [string, Value][] = [
        ['allowSharedKeyAccess', false],
        ['minimumTlsVersion', 'TLS1_2'],
        ['supportsHttpsTrafficOnly', true],
        ['allowBlobPublicAccess', false],
      ];
      for (const [k, v] of want)
        if (at(r.body, `properties.${k}`) !== v)
          out.push({ file: f.file, message: `${r.symbol}: ${k} must be ${JSON.stringify(v)}` });
    }
    for (const { f, r } of of(files, 'Microsoft.Storage/storageAccounts/blobServices'))
      if (at(r.body, 'properties.isVersioningEnabled') !== true)
        out.push({ file: f.file, message: `${r.symbol}: blob versioning must be on` });
    const containers = of(files, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    if (!containers.some(({ r }) => r.body.name === 'images'))
      out.push({ file: files[0]!.file, message: 'no images container' });
    const audit = containers.find(({ r }) => r.body.name === 'audit');
    if (!audit) return [...out, { file: files[0]!.file, message: 'no audit container' }];
    if (at(audit.r.body, 'properties.immutableStorageWithVersioning.enabled') !== true)
      out.push({ file: audit.f.file, message: 'the audit container needs version-level immutability' });
    const policy = of(
      files,
      'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
    ).find(({ r }) => isExpr(r.body.parent) && r.body.parent.expr === audit.r.symbol);
    const days = policy
      ? least(policy.f, at(policy.r.body, 'properties.immutabilityPeriodSinceCreationInDays'))
      : null;
    if (days === null || days < MIN_AUDIT_DAYS)
      out.push({
        file: audit.f.file,
        message: `the audit container needs a time-based retention of at least ${MIN_AUDIT_DAYS} days`,
      });
    // What the main template passes down must keep that floor too.
    for (const main of files.slice(0, 1)) {
      const p = main.params.find((x) => x.name === 'auditRetentionDays');
      const min = p?.decorators.minValue?.[0];
      if (!p || typeof min !== 'number' || min < MIN_AUDIT_DAYS)
        out.push({ file: main.file, message: `param auditRetentionDays needs @minValue(${MIN_AUDIT_DAYS})` });
    }
    if (!roleIn(files, BLOB_DATA_CONTRIBUTOR))
      out.push({ file: files[0]!.file, message: 'the identity needs Storage Blob Data Contributor' });
    return out;
  },

  'key-vault': (files) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const vaults = of(files, 'Microsoft.KeyVault/vaults');
    if (vaults.length === 0) out.push({ file: files[0]!.file, message: 'no Key Vault' });
    for (const { f, r } of vaults) {
      if (at(r.body, 'properties.enableRbacAuthorization') !== true)
        out.push({ file: f.file, message: `${r.symbol}: enableRbacAuthorization must be true` });
      if (at(r.body, 'properties.accessPolicies') !== undefined)
        out.push({ file: f.file, message: `${r.symbol}: no access policies (RBAC only)` });
      if (at(r.body, 'properties.enablePurgeProtection') !== true)
        out.push({ file: f.file, message: `${r.symbol}: purge protection must be on` });
    }
    if (!roleIn(files, KEY_VAULT_SECRETS_USER))
      out.push({ file: files[0]!.file, message: 'the identity needs Key Vault Secrets User' });
    return out;
  },

  bot: (files) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const bots = of(files, 'Microsoft.BotService/botServices');
    if (bots.length === 0) out.push({ file: files[0]!.file, message: 'no Azure Bot' });
    for (const { f, r } of bots) {
      if (at(r.body, 'properties.msaAppType') !== 'UserAssignedMSI')
        out.push({ file: f.file, message: `${r.symbol}: msaAppType must be UserAssignedMSI` });
      if (at(r.body, 'properties.msaAppMSIResourceId') === undefined)
        out.push({ file: f.file, message: `${r.symbol}: msaAppMSIResourceId must name the identity` });
    }
    const teams = of(files, 'Microsoft.BotService/botServices/channels').some(
      ({ r }) => at(r.body, 'properties.channelName') === 'MsTeamsChannel',
    );
    if (!teams) out.push({ file: files[0]!.file, message: 'the bot needs the Teams channel' });
    return out;
  },

  'app-service': (files) => {
    const out: Omit<Violation, 'rule'>[] = [];
    const sites = of(files, 'Microsoft.Web/sites');
    if (sites.length === 0) out.push({ file: files[0]!.file, message: 'no App Service site' });
    for (const { f, r } of sites) {
      const need = (path: string, ok: (v: Value | undefined) => boolean, what: string) => {
        if (!ok(at(r.body, path))) out.push({ file: f.file, message: `${r.symbol}: ${what}` });
      };
      need('properties.httpsOnly', (v) => v === true, 'httpsOnly must be true');
      need(
        'properties.siteConfig.minTlsVersion',
        (v) => v === '1.2' || v === '1.3',
        'minTlsVersion must be 1.2 or 1.3',
      );
      need('properties.siteConfig.ftpsState', (v) => v === 'Disabled', 'ftpsState must be Disabled');
      need('properties.siteConfig.alwaysOn', (v) => v === true, 'alwaysOn must be true');
      need(
        'properties.siteConfig.healthCheckPath',
        (v) => v === '/api/v1/health/ready',
        'healthCheckPath must be the readiness probe',
      );
      need(
        'properties.siteConfig.linuxFxVersion',
        (v) => v === 'NODE|24-lts',
        'it must run Node 24 on Linux',
      );
      need('identity.type', (v) => v === 'UserAssigned', 'it must run as the user-assigned identity');
    }
    return out;
  },

  'no-keys': (files) =>
    files.flatMap((f) =>
      [
        ...f.resources.map((r) => text(r.body)),
        ...Object.values(f.vars).map(text),
        ...f.outputs.map((o) => text(o.value)),
      ]
        .filter((t) => /listKeys\(|listConnectionStrings\(|AccountKey=|\.listKeys\b/.test(t))
        .map(() => ({
          file: f.file,
          message: 'keys or connection strings are read: use the managed identity',
        })),
    ),
};

export const RULE_NAMES = Object.keys(RULES);

export function checkPolicy(files: BicepFile[], collections: readonly string[]): Violation[] {
  return Object.entries(RULES).flatMap(([rule, check]) =>
    check(files, { collections }).map((v) => ({ rule, ...v, file: relative(process.cwd(), v.file) })),
  );
}
