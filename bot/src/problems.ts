// Errors from BotDeps arrive as problems: the backend's error family carries a stable code and HTTP status.
// The bot reads them structurally (it cannot import backend classes) and turns them into friendly cards.
import { PROBLEM_CODES, type ProblemCode } from '@donatello/contracts';

export interface Problem {
  code: ProblemCode;
  status: number;
  detail?: string;
  extras?: Record<string, unknown>;
}

export function asProblem(err: unknown): Problem | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; status?: unknown; detail?: unknown; extras?: unknown };
  if (typeof e.code !== 'string' || !(PROBLEM_CODES as readonly string[]).includes(e.code)) return null;
  if (typeof e.status !== 'number') return null;
  return {
    code: e.code as ProblemCode,
    status: e.status,
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
    ...(typeof e.extras === 'object' && e.extras !== null
      ? { extras: e.extras as Record<string, unknown> }
      : {}),
  };
}

/** The finding types of a prompt-blocked problem (types only: the matched text is never sent back). */
export function findingTypes(p: Problem): string[] {
  const findings = p.extras?.findings;
  if (!Array.isArray(findings)) return [];
  const types = findings
    .map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { type?: unknown }).type : undefined))
    .filter((t): t is string => typeof t === 'string');
  return [...new Set(types)];
}
