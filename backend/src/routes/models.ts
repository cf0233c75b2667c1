// The model catalogue a signed-in person may choose from on the Create page: the configured models their
// department's policy allows, with prices. Read-only; the router still decides and re-checks on every request.
import { Router } from 'express';
import type { ModelView, Page } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { policyAllows } from '../providers/router.ts';
import { microsToAud } from '../domain/money.ts';

export function modelRoutes(registry: ProviderRegistry, departments: DepartmentRepository): Router {
  const r = Router();
  r.get('/api/v1/models', async (_req, res) => {
    const { user } = actorOf(res);
    const dept = user.departmentId ? await departments.get(user.tenantId, user.departmentId) : null;
    // Without a department nobody can generate (403 no-department), so there is nothing to offer.
    const models = dept ? registry.models().filter((m) => policyAllows(dept.data.policy, m)) : [];
    const body: Page<ModelView> = {
      items: models
        .map((m) => ({
          id: m.id,
          provider: m.provider,
          displayName: m.displayName,
          sizes: [...m.sizes],
          qualities: [...m.qualities],
          maxImages: m.maxImages,
          unitPriceAud: Object.fromEntries(m.qualities.map((q) => [q, microsToAud(m.priceMicros[q])])),
          region: m.region,
          commercialSafe: m.commercialSafe,
          styles: m.styles ? [...m.styles] : null,
        }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.provider.localeCompare(b.provider)),
      nextCursor: null,
    };
    res.json(body);
  });
  return r;
}
