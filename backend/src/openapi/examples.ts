// Example bodies for the reference, taken from the seeded development tenant (DESIGN §10): the same people,
// departments and settings `npm start` creates, so "try it" answers look like these. Each example is checked
// against its schema by the tests (backend/test/openapi.document.test.ts).
import { createHash } from 'node:crypto';
import type {
  ApprovalView,
  AuditRecordView,
  BudgetSummaryView,
  DepartmentView,
  EstimateView,
  GenerationView,
  MeView,
  UserView,
} from '@donatello/contracts';
import { DEV_DEPARTMENTS, DEV_USERS, devObjectId, devUsername } from '../dev/seed.ts';
import { audToMicros, microsToAud } from '../domain/money.ts';

/** The seeded tenant: DEV_TENANT_ID's default. */
export const EXAMPLE_TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
const SEEDED_AT = '2026-11-22T01:56:31.566Z';
const GENERATION_ID = '0b6f4d2a-5c1e-4a7b-9d3f-2e8c7a1b6f40';
const APPROVAL_ID = '9d1e7c3b-2f4a-4e6d-8b5c-1a0f3e7d9c21';
const hex = (s: string) => createHash('sha256').update(s).digest('hex');

function seededUser(name: string) {
  const u = DEV_USERS.find((x) => x.name === name);
  if (!u) throw new Error(`no seeded user ${name}`);
  return u;
}

export const person = (name: string) => ({
  objectId: devObjectId(name),
  displayName: seededUser(name).displayName,
});

export function userExample(name: string): UserView {
  const u = seededUser(name);
  return {
    id: devObjectId(name),
    tenantId: EXAMPLE_TENANT,
    objectId: devObjectId(name),
    displayName: u.displayName,
    username: devUsername(name),
    role: u.role,
    departmentId: u.departmentId,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
}

export function departmentExample(id: string): DepartmentView {
  const d = DEV_DEPARTMENTS.find((x) => x.id === id);
  if (!d) throw new Error(`no seeded department ${id}`);
  return {
    id: d.id,
    name: d.name,
    budget: {
      limitAud: microsToAud(audToMicros(d.limitAud)),
      mode: d.mode,
      thresholds: [80, 90, 100],
      resetDay: 1,
      timeZone: 'Australia/Sydney',
    },
    policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
}

/** Marketing (soft, AUD 5) after two local images at 2 cents each. */
export const budgetExample: BudgetSummaryView = {
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
};

export const meExample: MeView = {
  user: userExample('alice'),
  roles: ['standard_user'],
  department: { id: 'marketing', name: 'Marketing' },
  budget: budgetExample,
};

export const generationRequestExample = {
  prompt: 'a koala presenting quarterly results',
  size: '1024x1024',
  n: 2,
};

const images = [0, 1].map((i) => ({
  id: `${GENERATION_ID}_${i}`,
  url: `/api/v1/images/${GENERATION_ID}_${i}`,
  thumbnailUrl: `/api/v1/images/${GENERATION_ID}_${i}/thumbnail`,
  width: 1024,
  height: 1024,
  contentType: 'image/png',
  sha256: hex(`example image ${i}`),
}));

export const estimateExample: EstimateView = {
  provider: 'local',
  model: 'local-scene',
  modelName: 'DonatelloAI Local (offline)',
  unitCostAud: '0.0200',
  totalCostAud: '0.0400',
  maxCostAud: '0.0400',
  currency: 'AUD',
  decision: 'allow',
  budget: budgetExample,
  safety: { decision: 'allow', findings: [] },
  existing: null,
  fallbacks: [],
};

export const generationExample: GenerationView = {
  id: GENERATION_ID,
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
  owner: person('alice'),
  departmentId: 'marketing',
  images,
  safety: { decision: 'allow', findings: [] },
  error: null,
  approval: null,
  createdAt: '2026-11-22T02:10:04.112Z',
  updatedAt: '2026-11-22T02:10:05.870Z',
  finishedAt: '2026-11-22T02:10:05.870Z',
};

export const approvalExample: ApprovalView = {
  id: APPROVAL_ID,
  status: 'approved',
  generationId: GENERATION_ID,
  departmentId: 'marketing',
  departmentName: 'Marketing',
  requester: person('alice'),
  approvers: [person('bob')],
  prompt: 'a koala presenting quarterly results',
  amountAud: '0.0200',
  createdAt: '2026-11-22T02:10:04.112Z',
  expiresAt: '2026-11-23T02:10:04.112Z',
  decidedBy: person('bob'),
  decidedAt: '2026-11-22T02:12:40.005Z',
  comment: 'launch week',
};

export const auditRecordExample: AuditRecordView = {
  seq: 42,
  at: '2026-11-22T02:12:40.011Z',
  prevHash: hex('record 41'),
  hash: hex('record 42'),
  event: {
    tenantId: EXAMPLE_TENANT,
    actor: { oid: devObjectId('bob'), tid: EXAMPLE_TENANT },
    action: 'approval.approved',
    target: { type: 'approval', id: APPROVAL_ID, departmentId: 'marketing' },
    outcome: 'success',
    details: { generationId: GENERATION_ID },
    requestId: '3f0c9a1e-6b2d-4c8e-9f7a-5d1b2c3e4f60',
  },
};

export const ids = { generation: GENERATION_ID, approval: APPROVAL_ID, image: `${GENERATION_ID}_0` };
