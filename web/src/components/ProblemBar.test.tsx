// What a failure says: keyed on the problem code, with the server's detail, never a stack or the prompt text.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProblem, parseRetryAfter, problemFrom } from '../api/problem.ts';
import { ProblemBar } from './ProblemBar.tsx';
import { problem } from '../../test/fakes.ts';

const show = (error: unknown) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ProblemBar error={error} />
    </FluentProvider>,
  );

describe('ProblemBar', () => {
  it('429: when to try again, from Retry-After', async () => {
    show(
      await problemFrom(
        problem(429, 'rate-limited', 'Rate limit: 10 generations a minute', {}, { 'retry-after': '42' }),
      ),
    );
    expect(screen.getByText('Too many requests')).toBeTruthy();
    expect(screen.getByText(/Rate limit: 10 generations a minute Try again in 42 seconds\./)).toBeTruthy();
  });

  it("402: the budget refusal with the server's detail (how much is left)", async () => {
    show(
      await problemFrom(
        problem(
          402,
          'budget-exceeded',
          'Finance has A$0.02 left of its A$1.00 hard limit; this needs A$0.04',
        ),
      ),
    );
    expect(screen.getByText("Your department's budget does not cover this")).toBeTruthy();
    expect(screen.getByText(/Finance has A\$0.02 left of its A\$1.00 hard limit/)).toBeTruthy();
  });

  it('422: findings by type and position', async () => {
    show(
      await problemFrom(
        problem(422, 'prompt-blocked', 'The prompt contains personal information', {
          findings: [
            { type: 'au_phone', start: 10, end: 22 },
            { type: 'moderation', start: 0, end: 40, category: 'violence' },
          ],
        }),
      ),
    );
    expect(screen.getByText('a phone number at characters 11–22')).toBeTruthy();
    expect(screen.getByText('content the moderation service refused (violence)')).toBeTruthy();
  });

  it('503: unavailable, try again, with the reference for support', async () => {
    show(
      await problemFrom(
        problem(
          503,
          'no-provider-available',
          'Every provider failed or is paused',
          {},
          { 'retry-after': '120' },
        ),
      ),
    );
    expect(screen.getByText('Image generation is unavailable right now')).toBeTruthy();
    expect(screen.getByText(/Every provider failed or is paused\. Try again in 2 minutes\./)).toBeTruthy();
    expect(screen.getByText('Reference: req-1')).toBeTruthy();
  });

  it('a network failure and a non-problem answer are still problems', async () => {
    const odd = await problemFrom(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(odd).toBeInstanceOf(ApiProblem);
    expect(odd.code).toBe('unexpected-response');
    show(odd);
    expect(screen.getByText('The server answered 502')).toBeTruthy();
  });

  it('Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(
      60,
    );
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
