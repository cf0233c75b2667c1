// Shared by the generation benchmarks: a dev token for carol (org admin, Engineering), with Engineering's
// limit raised so that nothing is refused while the load runs.
import type { Host } from '../backend/src/main.ts';

async function json(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function prepareHost(host: Pick<Host, 'port'>): Promise<string> {
  const base = `http://127.0.0.1:${host.port}`;
  const headers = { 'content-type': 'application/json' };
  const tokenRes = await fetch(`${base}/dev/token`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ user: 'carol' }),
  });
  const token = (await json(tokenRes)).accessToken as string;
  await json(
    await fetch(`${base}/api/v1/departments/engineering`, {
      method: 'PATCH',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: JSON.stringify({ budget: { limitAud: '1000000' } }),
    }),
  );
  return token;
}
