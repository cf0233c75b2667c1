// Prices a request: the router's candidate chain, the expected cost (first candidate) and the amount to
// reserve (the dearest candidate the request may fall back to), all in integer micro-AUD.
import type { DepartmentPolicy, GenerationRequest } from '@donatello/contracts';
import type { RegisteredModel } from '../providers/registry.ts';
import type { Router } from '../providers/router.ts';

export interface Quote {
  chain: RegisteredModel[];
  unitMicros: number;
  totalMicros: number;
  maxMicros: number;
}

export function quote(router: Router, req: GenerationRequest, policy: DepartmentPolicy): Quote {
  const chain = router.candidates({
    model: req.model,
    size: req.size,
    quality: req.quality,
    n: req.n,
    purpose: req.purpose,
    policy,
    promptLength: Math.max(req.prompt.length, req.negativePrompt?.length ?? 0),
    ...(req.style ? { style: req.style } : {}),
  });
  const unit = (m: RegisteredModel) => m.priceMicros[req.quality];
  const unitMicros = unit(chain[0]!);
  return {
    chain,
    unitMicros,
    totalMicros: unitMicros * req.n,
    maxMicros: Math.max(...chain.map(unit)) * req.n,
  };
}
