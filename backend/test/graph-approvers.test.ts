// On-behalf-of (DESIGN §4, §6): a soft-limit overage also goes to the requester's line manager from Microsoft
// Graph, read with the requester's own Entra token through @azure/msal-node. The backend runs as a real
// process against a local HTTPS stand-in for Entra (discovery, keys, token endpoint) and Graph.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphDirectory } from '../src/identity/graph-directory.ts';
import { startFakeEntraObo, type FakeEntraObo } from './fakes/entra-obo-fake.ts';
import { call, devToken, startBackend, type BackendProcess } from './support/backend-process.ts';

const TENANT = '6b0c2d4e-0000-4000-8000-00000000da11'; // the dev tenant: dev and Entra users share it here
const CLIENT_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';
let fake: FakeEntraObo;
const dir = mkdtempSync(join(tmpdir(), 'donatello-obo-'));

beforeAll(async () => {
  fake = await startFakeEntraObo(CLIENT_ID);
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const userToken = (oid: string) =>
  fake.sign({
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    azp: CLIENT_ID,
    tid: TENANT,
    oid,
    name: 'Elena Entra',
    preferred_username: 'elena@contoso.example',
    scp: 'access_as_user',
    ver: '2.0',
    iat: Math.floor(Date.now() / 1000) - 10,
    nbf: Math.floor(Date.now() / 1000) - 10,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });

describe('GraphDirectory', () => {
  const directory = () =>
    new GraphDirectory(
      {
        clientId: CLIENT_ID,
        clientSecret: fake.clientSecret,
        authorityHost: fake.authorityHost,
        graphBaseUrl: fake.graphBaseUrl,
        ca: fake.ca,
      },
      pino({ level: 'silent' }),
    );

  it("exchanges the user's token on their behalf and reads their manager", async () => {
    const oid = randomUUID();
    fake.managers.set(oid, { id: 'AAAAAAAA-1111-4111-8111-111111111111', displayName: 'Mia Manager' });
    const token = await userToken(oid);
    expect(await directory().managerOf(TENANT, token)).toEqual({
      objectId: 'aaaaaaaa-1111-4111-8111-111111111111',
      displayName: 'Mia Manager',
    });
    const grant = fake.requests.find((r) => r.path.endsWith('/oauth2/v2.0/token'))!.body as Record<
      string,
      string
    >;
    expect(grant).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      assertion: token,
      client_id: CLIENT_ID,
    });
    expect(grant.scope?.split(' ')).toContain('https://graph.microsoft.com/User.Read');
  });

  it('answers null, without throwing, when there is no manager or the exchange is refused', async () => {
    expect(await directory().managerOf(TENANT, await userToken(randomUUID()))).toBeNull();
    const wrongSecret = new GraphDirectory(
      {
        clientId: CLIENT_ID,
        clientSecret: 'wrong',
        authorityHost: fake.authorityHost,
        graphBaseUrl: fake.graphBaseUrl,
        ca: fake.ca,
      },
      pino({ level: 'silent' }),
    );
    expect(await wrongSecret.managerOf(TENANT, await userToken(randomUUID()))).toBeNull();
  });
});

describe('approvers through the API', () => {
  let backend: BackendProcess;
  afterAll(async () => {
    await backend?.stop();
  });

  it("an Entra user's overage goes to the department's manager and to their Graph manager, who can approve", async () => {
    const caFile = join(dir, 'fake-ca.pem');
    writeFileSync(caFile, fake.ca);
    backend = await startBackend({
      DATA_DIR: dir,
      DEV_TENANT_ID: TENANT,
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_ALLOWED_TENANTS: TENANT,
      ENTRA_AUTHORITY_HOST: fake.authorityHost,
      ENTRA_CLIENT_SECRET: fake.clientSecret,
      GRAPH_BASE_URL: fake.graphBaseUrl,
      // Node trusts the stand-in's certificate for every TLS call (token checks, MSAL, Graph).
      NODE_EXTRA_CA_CERTS: caFile,
    });
    const users = (await call(backend.base, 'GET', '/dev/users')).body.users as {
      name: string;
      objectId: string;
    }[];
    const fiona = users.find((u) => u.name === 'fiona')!;
    const bob = users.find((u) => u.name === 'bob')!;
    const elena = randomUUID();
    fake.managers.set(elena, { id: fiona.objectId, displayName: 'Fiona Chen' });
    const token = await userToken(elena);
    expect((await call(backend.base, 'GET', '/api/v1/me', token)).body.user.objectId).toBe(elena);

    const carol = await devToken(backend.base, 'carol');
    expect(
      (await call(backend.base, 'PATCH', `/api/v1/users/${elena}`, carol, { departmentId: 'marketing' }))
        .status,
    ).toBe(200);
    await call(backend.base, 'PATCH', '/api/v1/departments/marketing', carol, {
      budget: { limitAud: '0' },
    });

    const res = await call(backend.base, 'POST', '/api/v1/generations', token, {
      prompt: 'an overage for Graph',
    });
    expect(res.status).toBe(202);
    const approval = (await call(backend.base, 'GET', `/api/v1/approvals/${res.body.approval.id}`, token))
      .body;
    expect(approval.approvers.map((a: { objectId: string }) => a.objectId).sort()).toEqual(
      [bob.objectId, fiona.objectId].sort(),
    );

    const decided = await call(
      backend.base,
      'POST',
      `/api/v1/approvals/${approval.id}/decision`,
      await devToken(backend.base, 'fiona'),
      { decision: 'approve' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.decidedBy.displayName).toBe('Fiona Chen');
  });
});
