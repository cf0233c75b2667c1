// `npm run reset`: wipes the embedded data directory (database, blobs, dev signing key).
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(process.env.DATA_DIR ?? '.data');
if (dir === resolve('/') || dir === resolve('.')) {
  process.stderr.write(`Refusing to delete ${dir}\n`);
  process.exit(1);
}
if (existsSync(dir)) {
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`Removed ${dir}\n`);
} else {
  process.stdout.write(`Nothing to remove: ${dir} does not exist\n`);
}
