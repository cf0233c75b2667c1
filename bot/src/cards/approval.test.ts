import { describe, expect, it } from 'vitest';
import { approvalView } from '../fixtures.test-support.ts';
import { approvalCard, decisionCard } from './approval.ts';
import { cardText, checkCard } from './validate.test-support.ts';

describe('approval card', () => {
  it('gives approvers Approve and Reject with only the approval id, and refreshes for them', () => {
    const a = approvalView();
    const c = approvalCard({ approval: a, actionable: true, approverIds: ['29:bob'] });
    expect(checkCard(c).events).toEqual([]);
    expect(c.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Approve',
        verb: 'approve',
        data: { approvalId: a.id },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Reject',
        verb: 'reject',
        data: { approvalId: a.id },
        style: 'destructive',
      },
    ]);
    expect(c.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: 'approval.refresh',
        data: { approvalId: a.id },
      },
      userIds: ['29:bob'],
    });
    const t = cardText(c);
    expect(t).toContain('Alice Nguyen asked');
    expect(t).toContain('A$0.0200');
    expect(t).toContain('Bob Smith');
  });

  it('shows status without buttons to everyone else', () => {
    const c = approvalCard({ approval: approvalView(), actionable: false, approverIds: ['29:bob'] });
    expect(checkCard(c).events).toEqual([]);
    expect(c.actions).toBeUndefined();
  });

  it('after a decision shows who decided and when, and a notice for a late click', () => {
    const a = approvalView({
      status: 'approved',
      decidedBy: { objectId: 'x', displayName: 'Bob Smith' },
      decidedAt: '2026-11-22T01:42:00.000Z',
      comment: 'launch week',
    });
    const c = approvalCard({ approval: a, actionable: true, approverIds: [], notice: 'Already decided.' });
    expect(checkCard(c).events).toEqual([]);
    expect(c.actions).toBeUndefined();
    expect(c.refresh).toBeUndefined();
    const t = cardText(c);
    expect(t).toContain(
      'Approved by Bob Smith at {{DATE(2026-11-22T01:42:00Z, SHORT)}} {{TIME(2026-11-22T01:42:00Z)}}: "launch week"',
    );
    expect(t).toContain('Already decided.');
  });

  it('tells the requester the outcome', () => {
    for (const status of ['approved', 'rejected', 'expired'] as const) {
      const c = decisionCard(
        approvalView({
          status,
          decidedBy: { objectId: 'x', displayName: 'Bob Smith' },
          decidedAt: '2026-11-22T01:42:00.000Z',
        }),
      );
      expect(checkCard(c).events).toEqual([]);
      expect(cardText(c)).toMatch(status === 'approved' ? /being created/ : /Nothing was charged/);
    }
  });
});
