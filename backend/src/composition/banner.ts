// What `npm start` prints once the backend listens: where each surface is and, in the embedded mode, how to
// sign in as a seeded user.
import type { Host } from '../main.ts';

export function banner(host: Host): string {
  const base =
    host.config.http.port === host.port ? host.config.http.publicBaseUrl : `http://localhost:${host.port}`;
  const lines = [
    '',
    `DonatelloAI backend is running (${host.config.env}, store: ${host.store.kind}, blobs: ${host.blobs.kind})`,
    `  Health:      ${base}/api/v1/health`,
    `  API:         ${base}/api/v1`,
    `  API docs:    ${base}/api/v1/docs`,
    `  Tab:         ${base}/tab/${host.config.identity.dev.enabled ? '   (dev sign-in: pick a user at the top right)' : ''}`,
    `  Add-in:      ${base}/addin/taskpane.html   (the PowerPoint and Word task pane; in a browser, beside a preview slide)`,
  ];
  if (host.config.identity.dev.enabled) {
    lines.push(
      `  Dev users:   ${base}/dev/users`,
      `  Dev token:   curl -s -X POST ${base}/dev/token -H 'content-type: application/json' -d '{"user":"alice"}'`,
    );
  }
  lines.push('  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
