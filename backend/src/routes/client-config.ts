// GET /api/v1/client-config (public): what the tab and the add-in need before sign-in. Built from config once;
// it must never carry a secret (no client secret, no signing key, nothing from the image-link key).
import { Router } from 'express';
import type { ClientConfigView } from '@donatello/contracts';
import type { Config } from '../config.ts';

const ENTRA_LOGIN = 'https://login.microsoftonline.com';

export function clientConfigView(config: Config): ClientConfigView {
  const entra = config.identity.entra;
  return {
    devSignIn: config.identity.dev.enabled,
    entra: entra
      ? {
          clientId: entra.clientId,
          // One allowed tenant signs in there directly; several sign in through "organizations" and the API
          // refuses tenants not on its list.
          authority: `${ENTRA_LOGIN}/${entra.allowedTenants.length === 1 ? entra.allowedTenants[0] : 'organizations'}`,
          scopes: [entra.apiScope],
        }
      : null,
    teamsAppId: config.bot?.teamsAppId ?? null,
    version: config.version,
  };
}

export function clientConfigRoutes(config: Config): Router {
  const body = clientConfigView(config);
  const r = Router();
  r.get('/api/v1/client-config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(body);
  });
  return r;
}
