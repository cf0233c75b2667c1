// `npm run audit:verify-export [-- --tenant <id>]`: checks the WORM audit export against itself and against the
// live chain (backend/src/audit/segment-check.ts), with the same settings as the backend (STORE, BLOBS, ...;
// on Azure, an identity with read access to Cosmos DB and the `audit` container). Prints one line per tenant
// and names the first mismatch. Exit 0 when every tenant checks out, 1 on a mismatch, 78 on bad settings.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../backend/src/config.ts';
import { credentialSource, openAuditArchive, openStore } from '../backend/src/composition/adapters.ts';
import { AuditTrail } from '../backend/src/audit/trail.ts';
import { checkTenantExport, exportTenants } from '../backend/src/audit/segment-check.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 78;
  }
  const log = pino({ level: 'silent' });
  const credential = credentialSource(config);
  const store = await openStore(config, credential);
  const archive = await openAuditArchive(config, credential);
  try {
    const trail = new AuditTrail(store, log);
    const where = config.auditExport.target;
    out(`Audit export in ${where.kind === 'fs' ? where.dir : `container ${where.container}`}`);
    let failed = 0;
    const tenants = await exportTenants(store, archive, values.tenant?.toLowerCase());
    for (const tenant of tenants) {
      const r = await checkTenantExport(trail, archive, tenant);
      const pending = r.liveHead - r.exportedThrough;
      const summary =
        `tenant ${tenant}: ${r.segments} segment(s), records 1-${r.exportedThrough} exported, live head ` +
        `${r.liveHead}${pending > 0 ? ` (${pending} not exported yet)` : ''}`;
      if (r.ok) {
        out(`${summary}: ok`);
      } else {
        failed++;
        const m = r.mismatch!;
        out(`${summary}: MISMATCH`);
        out(`  first mismatch: ${m.key ? `segment ${m.key}, ` : ''}record ${m.seq}: ${m.problem}`);
      }
    }
    if (tenants.length === 0) out('no audit chains and no segments found');
    out(failed === 0 ? 'export verified' : `export NOT verified: ${failed} tenant(s) with a mismatch`);
    return failed === 0 ? 0 : 1;
  } finally {
    await Promise.allSettled([store.close(), archive.close()]);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify-export failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
