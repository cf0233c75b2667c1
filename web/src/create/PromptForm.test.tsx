// The prompt form with its live quote (issue #11 "Create"): debounced, latest draft wins, the quote's parts
// (price, model, decision, what is left, alternatives, an earlier identical image), safety findings by type and
// position only, and the API's field messages beside the fields with nothing typed lost.
import type { EstimateView, ModelView } from '@donatello/contracts';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.ts';
import { ApiProblem } from '../api/problem.ts';
import { ImageCacheProvider } from '../components/AuthedImage.tsx';
import { EMPTY_DRAFT, toRequest, type PromptDraft } from './draft.ts';
import { PromptForm } from './PromptForm.tsx';
import { QuotePanel } from './QuotePanel.tsx';
import { useQuote } from './useQuote.ts';
import { fakeFetch, json, problem, type Handler } from '../../test/fakes.ts';

const BUDGET = {
  limitAud: '5.0000',
  mode: 'soft' as const,
  period: {
    start: '2026-11-30T13:00:00.000Z',
    end: '2026-12-31T13:00:00.000Z',
    timeZone: 'Australia/Sydney',
  },
  spentAud: '4.9800',
  reservedAud: '0.0000',
  remainingAud: '0.0200',
  overageAud: '0.0000',
  utilisation: 0.996,
  thresholds: [80, 90, 100],
  forecast: { dailyBurnAud: '0.1000', exhaustsOn: null },
};

const model = (id: string, price: string, commercialSafe = false): ModelView => ({
  id,
  provider: 'openai',
  displayName: id.toUpperCase(),
  sizes: ['1024x1024'],
  qualities: ['standard'],
  maxImages: 4,
  unitPriceAud: { standard: price },
  region: 'global',
  commercialSafe,
  styles: null,
});
const MODELS = [
  model('dall-e-3', '0.0800'),
  model('sdxl', '0.0200'),
  model('firefly-image-3', '0.1000', true),
];

function quote(over: Partial<EstimateView> = {}): EstimateView {
  return {
    provider: 'openai',
    model: 'dall-e-3',
    modelName: 'DALL-E 3',
    unitCostAud: '0.0800',
    totalCostAud: '0.0800',
    maxCostAud: '0.0800',
    currency: 'AUD',
    decision: 'needs_approval',
    budget: BUDGET,
    safety: { decision: 'allow', findings: [] },
    existing: null,
    fallbacks: [],
    ...over,
  };
}

function Harness({
  fetch,
  debounceMs = 50,
  initial = EMPTY_DRAFT,
}: {
  fetch: typeof globalThis.fetch;
  debounceMs?: number;
  initial?: PromptDraft;
}) {
  const api = useMemo(() => new ApiClient({ fetch, getToken: async () => 'token' }), [fetch]);
  const [draft, setDraft] = useState(initial);
  const request = useMemo(() => toRequest(draft), [draft]);
  const state = useQuote(api, request, debounceMs);
  const errors = state.error instanceof ApiProblem ? state.error.fieldErrors() : {};
  return (
    <FluentProvider theme={teamsLightTheme}>
      <ImageCacheProvider api={api}>
        <PromptForm
          draft={draft}
          onChange={setDraft}
          onSubmit={() => {}}
          models={MODELS}
          fieldErrors={errors}
        />
        <QuotePanel
          state={state}
          draft={draft}
          models={MODELS}
          departmentName="Marketing"
          onChooseModel={(m) => setDraft({ ...draft, model: m })}
        />
      </ImageCacheProvider>
    </FluentProvider>
  );
}

const prompt = () => screen.getByRole('textbox', { name: /Describe the image/ });
const price = () => screen.getByRole('group', { name: 'Price' });

describe('the live quote', () => {
  it('asks once, after typing stops, for the whole prompt', async () => {
    const net = fakeFetch({ 'POST /api/v1/estimates': () => json(quote()) });
    render(<Harness fetch={net.fetch} debounceMs={200} />);
    // Every keystroke of a fast typist, with no pause between them.
    const text = 'a koala presenting';
    for (let i = 1; i <= text.length; i++)
      fireEvent.change(prompt(), { target: { value: text.slice(0, i) } });
    expect(net.calls).toHaveLength(0);
    expect(await within(price()).findByText('A$0.08')).toBeTruthy();
    const asked = net.calls.filter((c) => c.path === '/api/v1/estimates');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toMatchObject({
      prompt: 'a koala presenting',
      model: 'auto',
      size: '1024x1024',
      n: 1,
    });
  });

  it('shows the price, the model, the decision, what is left and the cheaper and commercially safe alternatives', async () => {
    const net = fakeFetch({ 'POST /api/v1/estimates': () => json(quote()) });
    render(<Harness fetch={net.fetch} />);
    await userEvent.type(prompt(), 'a koala');
    const panel = price();
    expect(await within(panel).findByText('Needs approval')).toBeTruthy();
    expect(within(panel).getByText(/with DALL-E 3/)).toBeTruthy();
    expect(within(panel).getByText('A$0.02 left')).toBeTruthy();
    expect(within(panel).getByText(/SDXL: A\$0.02 each, cheaper/)).toBeTruthy();
    expect(within(panel).getByText(/FIREFLY-IMAGE-3: A\$0.10 each, commercially safe/)).toBeTruthy();
    // Choosing an alternative changes the draft, which is quoted again.
    await userEvent.click(within(panel).getByRole('button', { name: 'Use SDXL' }));
    await waitFor(() =>
      expect(net.calls.filter((c) => c.path === '/api/v1/estimates').at(-1)!.body).toMatchObject({
        model: 'sdxl',
      }),
    );
  });

  it('an answer for an older draft never replaces the newer one', async () => {
    let firstAnswered = false;
    const slow: Handler = async (req) => {
      const p = (req.body as { prompt: string }).prompt;
      if (p === 'first') {
        await new Promise((r) => setTimeout(r, 300));
        firstAnswered = true;
      }
      return json(quote({ totalCostAud: p === 'first' ? '9.0000' : '0.0200', modelName: p }));
    };
    const net = fakeFetch({ 'POST /api/v1/estimates': slow });
    render(<Harness fetch={net.fetch} debounceMs={10} />);
    await userEvent.type(prompt(), 'first');
    await waitFor(() =>
      expect(net.calls.some((c) => (c.body as { prompt?: string })?.prompt === 'first')).toBe(true),
    );
    await userEvent.clear(prompt());
    await userEvent.type(prompt(), 'second');
    expect(await within(price()).findByText(/with second/)).toBeTruthy();
    // The slow answer to "first" has arrived, and React has had the chance to show it (it must not).
    await waitFor(() => expect(firstAnswered).toBe(true));
    for (let i = 0; i < 3; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(within(price()).queryByText('A$9.00')).toBeNull();
    expect(within(price()).getByText('A$0.02')).toBeTruthy();
  });

  it("puts the API's message beside the field it refused and keeps what was typed", async () => {
    const net = fakeFetch({
      'POST /api/v1/estimates': () =>
        problem(400, 'validation-failed', 'Invalid body', {
          errors: [{ path: 'body.prompt', message: 'Too big: expected string to have <=4000 characters' }],
        }),
    });
    render(<Harness fetch={net.fetch} />);
    await userEvent.type(prompt(), 'way too long');
    expect(await screen.findByText('Too big: expected string to have <=4000 characters')).toBeTruthy();
    expect((prompt() as HTMLTextAreaElement).value).toBe('way too long');
    expect(prompt().getAttribute('aria-invalid')).toBe('true');
  });

  it('says when to try again after a 429', async () => {
    const net = fakeFetch({
      'POST /api/v1/estimates': () =>
        problem(429, 'rate-limited', 'Too many quotes this minute', {}, { 'retry-after': '12' }),
    });
    render(<Harness fetch={net.fetch} />);
    await userEvent.type(prompt(), 'koala');
    expect(
      await within(price()).findByText(/Too many quotes this minute Try again in 12 seconds\./),
    ).toBeTruthy();
  });

  it('lists personal information by type and position, never the text', async () => {
    const net = fakeFetch({
      'POST /api/v1/estimates': () =>
        json(
          quote({
            decision: 'allow',
            safety: { decision: 'block', findings: [{ type: 'email', start: 6, end: 23 }] },
          }),
        ),
    });
    render(<Harness fetch={net.fetch} />);
    await userEvent.type(prompt(), 'email alice@example.com now');
    const panel = price();
    expect(await within(panel).findByText('This prompt would be refused')).toBeTruthy();
    expect(within(panel).getByText('an email address at characters 7–23')).toBeTruthy();
    expect(panel.textContent).not.toContain('alice@example.com');
  });

  it('offers an identical earlier image instead of paying again', async () => {
    const net = fakeFetch({
      'POST /api/v1/estimates': () =>
        json(
          quote({
            decision: 'allow',
            existing: {
              generationId: 'g1',
              createdAt: '2026-12-01T01:00:00.000Z',
              images: [
                {
                  id: 'g1_0',
                  url: '/api/v1/images/g1_0',
                  thumbnailUrl: '/api/v1/images/g1_0/thumbnail',
                  width: 1024,
                  height: 1024,
                  contentType: 'image/png',
                  sha256: 'x',
                },
              ],
            },
          }),
        ),
      'GET /api/v1/images/g1_0/thumbnail': () =>
        new Response(new Blob(['png']), { headers: { 'content-type': 'image/webp' } }),
    });
    render(<Harness fetch={net.fetch} />);
    await userEvent.type(prompt(), 'koala');
    expect(await within(price()).findByText('Made before')).toBeTruthy();
    expect(within(price()).getByRole('button', { name: /Open image: koala/ })).toBeTruthy();
  });

  it('says nothing is priced until there is a prompt', () => {
    const net = fakeFetch({});
    render(<Harness fetch={net.fetch} />);
    expect(within(price()).getByText(/Describe the image to see what it costs/)).toBeTruthy();
    expect(net.calls).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Generate' }).hasAttribute('disabled')).toBe(true);
  });
});
