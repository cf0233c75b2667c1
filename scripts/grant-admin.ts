// `npm run admin:grant -- --tenant <tenant id> --user <object id> [--role org_admin|super_admin] [--name "…"]
// --by "<your name>"`: makes the first administrator of a deployment (backend/src/users/first-admin.ts), with the
// same settings as the backend (on Azure: an identity with data access to Cosmos DB, see docs/deploy.md). Audited.
// Exit 0 when done, 1 on bad arguments, 78 on bad settings.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../backend/src/config.ts';
import { credentialSource, openStore } from '../backend/src/composition/adapters.ts';
import { AuditTrail } from '../backend/src/audit/trail.ts';
import { UserRepository } from '../backend/src/users/repository.ts';
import { grantAdmin } from '../backend/src/users/first-admin.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      by: { type: 'string' },
    },
  });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 78;
  }
  const store = await openStore(config, credentialSource(config));
  try {
    const r = await grantAdmin(new UserRepository(store), new AuditTrail(store, pino({ level: 'silent' })), {
      tenantId: values.tenant ?? '',
      objectId: values.user ?? '',
      ...(values.role ? { role: values.role as 'org_admin' } : {}),
      ...(values.name ? { name: values.name } : {}),
      by: values.by ?? '',
    });
    process.stdout.write(
      `${r.change}: ${r.user.displayName} (${r.user.objectId}) is ${r.user.role} in ${r.user.tenantId}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const lines = err.issues.map(
      (i) =>
        `  --${String(i.path[0]).replace('tenantId', 'tenant').replace('objectId', 'user')}: ${i.message}`,
    );
    process.stderr.write(`admin:grant: bad arguments\n${lines.join('\n')}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`admin:grant failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
