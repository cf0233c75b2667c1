// Test data shaped like the REST API's views (contracts), for card and handler tests.
import type { ApprovalView, BudgetSummaryView, EstimateView, GenerationView } from '@donatello/contracts';

export const GEN_ID = '0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b';

export function budgetView(over: Partial<BudgetSummaryView> = {}): BudgetSummaryView {
  return {
    limitAud: '5.0000',
    mode: 'soft',
    period: {
      start: '2026-10-31T13:00:00.000Z',
      end: '2026-11-30T13:00:00.000Z',
      timeZone: 'Australia/Sydney',
    },
    spentAud: '0.0400',
    reservedAud: '0.0000',
    remainingAud: '4.9600',
    overageAud: '0.0000',
    utilisation: 0.008,
    thresholds: [80, 90, 100],
    forecast: { dailyBurnAud: '0.0019', exhaustsOn: null },
    ...over,
  };
}

export function estimateView(over: Partial<EstimateView> = {}): EstimateView {
  return {
    provider: 'local',
    model: 'local-scene',
    modelName: 'DonatelloAI Local (offline)',
    unitCostAud: '0.0200',
    totalCostAud: '0.0400',
    maxCostAud: '0.0400',
    currency: 'AUD',
    decision: 'allow',
    budget: budgetView(),
    safety: { decision: 'allow', findings: [] },
    existing: null,
    fallbacks: [],
    ...over,
  };
}

export function generationView(over: Partial<GenerationView> = {}): GenerationView {
  return {
    id: GEN_ID,
    status: 'succeeded',
    prompt: 'a koala presenting quarterly results',
    negativePrompt: null,
    model: 'local-scene',
    provider: 'local',
    size: '1024x1024',
    quality: 'standard',
    style: null,
    n: 2,
    purpose: 'internal',
    costAud: '0.0400',
    owner: { objectId: 'b8463bc6-0d99-4dfe-8a98-123338e5f1d9', displayName: 'Alice Nguyen' },
    departmentId: 'marketing',
    images: [0, 1].map((i) => ({
      id: `${GEN_ID}_${i}`,
      url: `/api/v1/images/${GEN_ID}_${i}`,
      thumbnailUrl: `/api/v1/images/${GEN_ID}_${i}/thumbnail`,
      width: 1024,
      height: 1024,
      contentType: 'image/png',
      sha256: 'abc',
    })),
    safety: { decision: 'allow', findings: [] },
    error: null,
    approval: null,
    createdAt: '2026-11-22T01:02:03.456Z',
    updatedAt: '2026-11-22T01:02:05.000Z',
    finishedAt: '2026-11-22T01:02:05.000Z',
    ...over,
  };
}

export function approvalView(over: Partial<ApprovalView> = {}): ApprovalView {
  return {
    id: '9d1e0000-0000-4000-8000-000000000001',
    status: 'pending',
    generationId: GEN_ID,
    departmentId: 'marketing',
    departmentName: 'Marketing',
    requester: { objectId: 'b8463bc6-0d99-4dfe-8a98-123338e5f1d9', displayName: 'Alice Nguyen' },
    approvers: [{ objectId: '5c1a0000-0000-4000-8000-000000000002', displayName: 'Bob Smith' }],
    prompt: 'a koala presenting quarterly results',
    amountAud: '0.0200',
    createdAt: '2026-11-22T01:00:00.000Z',
    expiresAt: '2026-11-23T01:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    ...over,
  };
}
