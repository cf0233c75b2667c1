import { describe, expect, it } from 'vitest';
import { approvalView, estimateView, GEN_ID, generationView } from '../fixtures.test-support.ts';
import { statusLine } from './approval.ts';
import {
  deletedCard,
  failureCard,
  generationFailedCard,
  pendingApprovalCard,
  quotedProgressCard,
  workingCard,
  resultCard,
  stillWorkingCard,
} from './generation.ts';
import { explain } from './explain.ts';
import { cardText, checkCard } from './validate.test-support.ts';

const owner = { owner: true, refreshFor: ['29:alice'] };
const other = { owner: false, refreshFor: [] };
const urls = [0, 1].map((i) => `https://donatello.example/api/v1/images/${GEN_ID}_${i}/signed?exp=1&sig=x`);

function valid(c: unknown) {
  expect(checkCard(c).events).toEqual([]);
  return cardText(c);
}

describe('progress card', () => {
  it('shows the quote, the budget left and progress, and refreshes for the requester', () => {
    const g = generationView({ status: 'queued', size: '1792x1024', quality: 'hd', images: [] });
    const c = quotedProgressCard(g, estimateView(), owner);
    const t = valid(c);
    expect(t).toContain('A$0.0400');
    expect(t).toContain('A$4.9600');
    expect(t).toContain('DonatelloAI Local (offline) (local)');
    expect(t).toContain('2 × wide, HD');
    expect(t).toMatch(/Working on it/);
    expect(c.refresh).toMatchObject({
      action: { verb: 'generation.refresh', data: { generationId: GEN_ID } },
      userIds: ['29:alice'],
    });
  });

  it('says when the department is over a warn-mode budget', () => {
    const c = quotedProgressCard(
      generationView({ status: 'queued' }),
      estimateView({ decision: 'warn' }),
      other,
    );
    expect(valid(c)).toMatch(/managers have been told/);
    expect(c.refresh).toBeUndefined();
  });
});

describe('working card', () => {
  it('shows progress from the generation alone', () => {
    const t = valid(workingCard(generationView({ status: 'running' }), owner));
    expect(t).toContain('local-scene (local)');
    expect(t).toMatch(/Working on it/);
  });
});

describe('result card', () => {
  it('shows every image with alt text, the facts and the owner actions', () => {
    const c = resultCard({
      generation: generationView(),
      imageUrls: urls,
      remainingAud: '4.9200',
      galleryUrl: 'https://teams.microsoft.com/l/entity/x/gallery',
      viewer: owner,
    });
    const t = valid(c);
    expect(JSON.stringify(c)).toContain(urls[0]);
    expect(t).toContain('AI-generated image (1 of 2): a koala presenting quarterly results');
    expect(t).toContain('A$4.9200');
    expect(t).toContain('local-scene (local)');
    const actions = (c.actions ?? []).map((a) => (a.type === 'Action.Execute' ? a.verb : a.type));
    expect(actions).toEqual(['regenerate', 'Action.OpenUrl', 'delete']);
    expect(JSON.stringify(c.actions)).not.toContain('objectId');
  });

  it('has no Delete for other people and a single image for n = 1', () => {
    const c = resultCard({
      generation: generationView({ n: 1 }),
      imageUrls: urls.slice(0, 1),
      remainingAud: null,
      galleryUrl: 'https://x.example/g',
      viewer: other,
    });
    valid(c);
    expect(c.body?.[1]).toMatchObject({
      type: 'Image',
      altText: expect.stringMatching(/^AI-generated image: /),
    });
    expect((c.actions ?? []).some((a) => a.type === 'Action.Execute' && a.verb === 'delete')).toBe(false);
  });
});

describe('failure cards', () => {
  it('explains a hard limit with the amount left', () => {
    const t = valid(
      failureCard({
        prompt: 'x',
        explanation: explain(
          'budget-exceeded',
          'This needs A$0.0400; the department has A$0.0100 left of A$2.0000 this month',
        ),
      }),
    );
    expect(t).toMatch(/spending limit/);
    expect(t).toContain('A$0.0100 left');
  });

  it('names the finding types of a blocked prompt and never the prompt', () => {
    const c = failureCard({ explanation: explain('prompt-blocked', undefined, ['email', 'au_phone']) });
    expect(valid(c)).toContain('an email address and a phone number');
  });

  it('explains a provider outage', () => {
    expect(valid(failureCard({ explanation: explain('no-provider-available') }))).toMatch(
      /Nothing was charged/,
    );
  });

  it('covers generations that ended badly', () => {
    expect(
      valid(
        generationFailedCard(
          generationView({
            status: 'rejected',
            images: [],
            error: { code: 'budget-exceeded', message: 'Rejected by Bob Smith: not now' },
          }),
        ),
      ),
    ).toMatch(/Rejected by Bob Smith/);
    expect(valid(generationFailedCard(generationView({ status: 'expired', images: [] })))).toMatch(
      /expired/i,
    );
    const blocked = generationFailedCard(
      generationView({
        status: 'blocked',
        prompt: '[blocked prompt]',
        images: [],
        safety: { decision: 'block', findings: [{ type: 'email', start: 0, end: 5 }] },
      }),
    );
    expect(valid(blocked)).toContain('an email address');
    expect(
      valid(
        generationFailedCard(
          generationView({
            status: 'failed',
            images: [],
            error: { code: 'no-provider-available', message: 'x' },
          }),
        ),
      ),
    ).toMatch(/unavailable/);
  });
});

describe('other generation cards', () => {
  it('pending approval names the approvers', () => {
    const t = valid(
      pendingApprovalCard({
        generation: generationView({ status: 'pending_approval', images: [] }),
        approvers: ['Bob Smith'],
        viewer: owner,
      }),
    );
    expect(t).toContain('I asked Bob Smith to approve');
  });

  it('still working and deleted', () => {
    expect(valid(stillWorkingCard(generationView({ status: 'running' }), 'https://x.example/g'))).toMatch(
      /longer than usual/,
    );
    expect(valid(deletedCard('Alice Nguyen'))).toContain('Alice Nguyen deleted this image');
    expect(valid(deletedCard())).toContain('This image was deleted.');
  });
});

describe('after an approver decided', () => {
  const decided = (status: 'approved' | 'rejected', comment: string | null = null) =>
    statusLine(
      approvalView({
        status,
        decidedBy: { objectId: '5c1a0000-0000-4000-8000-000000000002', displayName: 'Bob Smith' },
        decidedAt: '2026-11-22T01:05:00.000Z',
        comment,
      }),
    );
  const at = '{{DATE(2026-11-22T01:05:00Z, SHORT)}} {{TIME(2026-11-22T01:05:00Z)}}';

  it('approved: the working card and then the result say who approved and when', () => {
    const working = valid(
      workingCard(generationView({ status: 'queued', images: [] }), owner, decided('approved')),
    );
    expect(working).toMatch(/Working on it/);
    expect(working).toContain(`Approved by Bob Smith at ${at}`);
    const result = resultCard({
      generation: generationView(),
      imageUrls: urls,
      remainingAud: null,
      galleryUrl: 'https://x.example/g',
      viewer: owner,
      decision: decided('approved'),
    });
    expect(valid(result)).toContain(`Approved by Bob Smith at ${at}`);
  });

  it('rejected: the card says who rejected it, when, their comment, and that nothing was charged', () => {
    const g = generationView({
      status: 'rejected',
      images: [],
      error: { code: 'budget-exceeded', message: 'Rejected by Bob Smith: not now' },
    });
    const t = valid(generationFailedCard(g, decided('rejected', 'not now')));
    expect(t).toMatch(/Request rejected/);
    expect(t).toContain(`Rejected by Bob Smith at ${at}: "not now". Nothing was charged.`);
    expect(t).toContain('a koala presenting quarterly results');
  });
});
