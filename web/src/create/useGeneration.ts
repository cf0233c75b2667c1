// Running one generation from a page: start it (with an Idempotency-Key that is reused if the very same request
// is retried after no answer, so a retry is never charged twice), then follow it until it ends. A soft-limit
// request waits for an approver: its approval is read (who must approve) and the generation is watched, so the
// page updates when they decide. Polling is the channel: pages have no push connection.
import type { ApprovalView, GenerationRequest, GenerationView } from '@donatello/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey, type ApiClient } from '../api/client.ts';
import { ApiProblem } from '../api/problem.ts';

export type GenerationPhase = 'idle' | 'starting' | 'working' | 'waiting-approval' | 'succeeded' | 'failed';

export interface GenerationState {
  phase: GenerationPhase;
  generation: GenerationView | null;
  approval: ApprovalView | null;
  error: unknown;
}

const TERMINAL = new Set(['succeeded', 'failed', 'rejected', 'expired', 'blocked']);
/** How long the start request waits for a quick result before following it by polling. */
export const START_WAIT_SECONDS = 20;

export interface PollTimings {
  /** Between checks while it runs. */
  workingMs: number;
  /** Between checks while it waits for an approver. */
  approvalMs: number;
}
const DEFAULT_TIMINGS: PollTimings = { workingMs: 1000, approvalMs: 2500 };

function phaseOf(g: GenerationView): GenerationPhase {
  if (g.status === 'succeeded') return 'succeeded';
  if (g.status === 'pending_approval') return 'waiting-approval';
  if (TERMINAL.has(g.status)) return 'failed';
  return 'working';
}

/** A finished failure as a problem a ProblemBar can show (rejections name the approver in the message). */
export function generationProblem(g: GenerationView): ApiProblem | null {
  if (g.status === 'blocked') {
    return new ApiProblem({
      code: 'prompt-blocked',
      status: 422,
      title: 'This prompt cannot be used',
      body: { findings: g.safety.findings },
    });
  }
  if (!g.error) return null;
  return new ApiProblem({
    code: g.error.code as ApiProblem['code'],
    status: 0,
    title: g.error.message,
    detail: g.error.message,
  });
}

export function useGeneration(api: ApiClient, timings: PollTimings = DEFAULT_TIMINGS) {
  const [state, setState] = useState<GenerationState>({
    phase: 'idle',
    generation: null,
    approval: null,
    error: null,
  });
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);
  const run = useRef(0);

  useEffect(() => () => void run.current++, []);

  const follow = useCallback(
    async (id: string, runId: number, first: GenerationView) => {
      let g = first;
      let approval: ApprovalView | null = null;
      while (run.current === runId && !TERMINAL.has(g.status)) {
        if (g.status === 'pending_approval' && g.approval && !approval) {
          approval = await api.approval(g.approval.id).catch(() => null);
          if (run.current === runId) setState((s) => ({ ...s, approval }));
        }
        await new Promise((r) =>
          setTimeout(r, g.status === 'pending_approval' ? timings.approvalMs : timings.workingMs),
        );
        if (run.current !== runId) return;
        try {
          g = await api.generation(id);
        } catch (err) {
          // One failed check is not the end of the generation: keep watching unless it is gone.
          if (err instanceof ApiProblem && (err.status === 404 || err.status === 403)) {
            setState((s) => ({ ...s, phase: 'failed', error: err }));
            return;
          }
          continue;
        }
        if (g.approval && approval && g.approval.status !== approval.status) {
          approval = await api.approval(g.approval.id).catch(() => approval);
        }
        if (run.current === runId)
          setState({
            phase: phaseOf(g),
            generation: g,
            approval,
            error: phaseOf(g) === 'failed' ? generationProblem(g) : null,
          });
      }
    },
    [api, timings.approvalMs, timings.workingMs],
  );

  const start = useCallback(
    async (request: GenerationRequest) => {
      const runId = ++run.current;
      const body = JSON.stringify(request);
      const key = lastAttempt.current?.body === body ? lastAttempt.current.key : newIdempotencyKey();
      lastAttempt.current = { body, key };
      setState({ phase: 'starting', generation: null, approval: null, error: null });
      try {
        const { generation } = await api.startGeneration(request, {
          idempotencyKey: key,
          waitSeconds: START_WAIT_SECONDS,
        });
        if (run.current !== runId) return;
        // An answer came back: the next Generate is a new request even with the same settings.
        lastAttempt.current = null;
        setState({ phase: phaseOf(generation), generation, approval: null, error: null });
        await follow(generation.id, runId, generation);
      } catch (error) {
        if (run.current !== runId) return;
        // Refused for good (4xx): the key is spent. No answer or a server fault: keep it for the retry.
        if (error instanceof ApiProblem && error.status >= 400 && error.status < 500)
          lastAttempt.current = null;
        setState({ phase: 'failed', generation: null, approval: null, error });
      }
    },
    [api, follow],
  );

  const reset = useCallback(() => {
    run.current++;
    setState({ phase: 'idle', generation: null, approval: null, error: null });
  }, []);

  return { ...state, start, reset };
}
