import { describe, expect, it } from 'vitest';
import { Blocklist } from './blocklist.ts';
import { createPromptSafety } from './index.ts';
import { ModerationUnavailableError, type Moderator } from './moderation.ts';
import { promptHash, redactPrompt } from './redact.ts';
import { PromptSafetyService } from './service.ts';

/** An in-process moderator that records what it was asked. */
class ScriptedModerator implements Moderator {
  readonly provider = 'scripted';
  readonly seen: string[] = [];
  answer: string[] | Error = [];
  async moderate(text: string): Promise<string[]> {
    this.seen.push(text);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

const SECRETS = [
  'jo.citizen@example.com',
  '0412 345 678',
  '4111 1111 1111 1111',
  '123 456 782',
  '51 824 753 556',
];
const PII_PROMPT = `Poster for ${SECRETS[0]}, call ${SECRETS[1]}, card ${SECRETS[2]}, TFN ${SECRETS[3]}, ABN ${SECRETS[4]}`;

function service(terms: string[] = [], moderator?: Moderator): PromptSafetyService {
  return new PromptSafetyService({ blocklist: new Blocklist(terms), moderator });
}

describe('PromptSafetyService decisions', () => {
  it('allows a clean prompt', async () => {
    const verdict = await service(['falcon']).check('A koala at 1024x1024 in 2026', { piiAction: 'block' });
    expect(verdict).toEqual({ decision: 'allow', findings: [] });
  });

  it('follows the department policy for personal information', async () => {
    const warn = await service().check(PII_PROMPT, { piiAction: 'warn' });
    const block = await service().check(PII_PROMPT, { piiAction: 'block' });
    expect(warn.decision).toBe('warn');
    expect(block.decision).toBe('block');
    expect(warn.findings.map((f) => f.type)).toEqual([
      'email',
      'au_phone',
      'payment_card',
      'au_tfn',
      'au_abn',
    ]);
    expect(warn.findings.map((f) => PII_PROMPT.slice(f.start, f.end))).toEqual(SECRETS);
  });

  it('always blocks on the blocklist, whatever the PII policy', async () => {
    const verdict = await service(['project falcon']).check('Logo for Project Falcon', { piiAction: 'warn' });
    expect(verdict).toEqual({ decision: 'block', findings: [{ type: 'blocklist', start: 9, end: 23 }] });
  });

  it('always blocks on moderation, with one finding per category spanning the prompt', async () => {
    const moderator = new ScriptedModerator();
    moderator.answer = ['violence', 'hate'];
    const prompt = 'something the service flags';
    const verdict = await service([], moderator).check(prompt, { piiAction: 'warn' });
    expect(verdict.decision).toBe('block');
    expect(verdict.findings).toEqual([
      { type: 'moderation', start: 0, end: prompt.length, category: 'violence' },
      { type: 'moderation', start: 0, end: prompt.length, category: 'hate' },
    ]);
  });

  it('sends moderation the prompt with personal information redacted', async () => {
    const moderator = new ScriptedModerator();
    const verdict = await service([], moderator).check(PII_PROMPT, { piiAction: 'warn' });
    expect(verdict.decision).toBe('warn');
    expect(moderator.seen).toEqual([
      'Poster for [email], call [au_phone], card [payment_card], TFN [au_tfn], ABN [au_abn]',
    ]);
  });

  it('does not ask moderation when the prompt is already blocked', async () => {
    const moderator = new ScriptedModerator();
    await service(['falcon'], moderator).check('falcon', { piiAction: 'warn' });
    await service([], moderator).check(PII_PROMPT, { piiAction: 'block' });
    expect(moderator.seen).toEqual([]);
  });

  it('fails closed: a moderation failure rejects the check', async () => {
    const moderator = new ScriptedModerator();
    moderator.answer = new ModerationUnavailableError('scripted', 'timeout', 'no answer within 5 ms');
    const check = service([], moderator).check('a calm lake', { piiAction: 'warn' });
    await expect(check).rejects.toBeInstanceOf(ModerationUnavailableError);
    await expect(check).rejects.toMatchObject({ status: 503, code: 'service-unavailable' });
  });

  it('stops before any work when the caller has already aborted', async () => {
    const moderator = new ScriptedModerator();
    const reason = new Error('the client went away');
    const check = service([], moderator).check('x', { piiAction: 'warn' }, AbortSignal.abort(reason));
    await expect(check).rejects.toBe(reason); // the caller's own reason, not some later failure
    expect(moderator.seen).toEqual([]);
  });

  it('returns offsets and types only, never the matched text', async () => {
    const verdict = await service(['falcon']).check(`${PII_PROMPT} falcon`, { piiAction: 'warn' });
    const json = JSON.stringify(verdict);
    for (const secret of [...SECRETS, 'falcon']) expect(json).not.toContain(secret);
    for (const f of verdict.findings) expect(Object.keys(f).sort()).toEqual(['end', 'start', 'type']);
  });
});

describe('redactPrompt and promptHash', () => {
  it('replaces each finding with its type and keeps the rest', async () => {
    const { findings } = await service(['falcon']).check(`${PII_PROMPT} Falcon!`, { piiAction: 'warn' });
    const redacted = redactPrompt(`${PII_PROMPT} Falcon!`, findings);
    expect(redacted).toBe(
      'Poster for [email], call [au_phone], card [payment_card], TFN [au_tfn], ABN [au_abn] [blocklist]!',
    );
    for (const secret of SECRETS) expect(redacted).not.toContain(secret);
  });

  it('merges overlapping spans, and a moderation finding redacts the whole prompt', () => {
    const prompt = 'abcdefghij';
    expect(
      redactPrompt(prompt, [
        { type: 'email', start: 2, end: 6 },
        { type: 'au_tfn', start: 4, end: 8 },
      ]),
    ).toBe('ab[email]ij');
    expect(redactPrompt(prompt, [{ type: 'moderation', start: 0, end: 10, category: 'hate' }])).toBe(
      '[moderation]',
    );
    expect(redactPrompt(prompt, [])).toBe(prompt);
  });

  it('refuses spans outside the prompt instead of leaking it', () => {
    expect(() => redactPrompt('short', [{ type: 'email', start: 2, end: 50 }])).toThrow(RangeError);
    expect(() => redactPrompt('short', [{ type: 'email', start: -1, end: 2 }])).toThrow(RangeError);
  });

  it('hashes the UTF-8 bytes with SHA-256', () => {
    expect(promptHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(promptHash('zoë')).toMatch(/^[0-9a-f]{64}$/);
    expect(promptHash('zoë')).not.toBe(promptHash('zoe'));
  });
});

describe('createPromptSafety', () => {
  it('builds a service without moderation', async () => {
    const safety = createPromptSafety({ blocklist: ['falcon'], moderation: { provider: 'none' } });
    expect(safety.moderation).toBe('none');
    expect((await safety.check('Falcon', { piiAction: 'warn' })).decision).toBe('block');
  });

  it('rejects settings that cannot work', () => {
    const azure = {
      provider: 'azure',
      endpoint: 'http://127.0.0.1:1',
      apiKey: 'k',
      timeoutMs: 1000,
    } as const;
    expect(() =>
      createPromptSafety({ blocklist: [], moderation: { ...azure, severityThreshold: 0 } }),
    ).toThrow(RangeError);
    expect(() => createPromptSafety({ blocklist: [], moderation: { ...azure, timeoutMs: 0 } })).toThrow(
      RangeError,
    );
    expect(() => createPromptSafety({ blocklist: [], moderation: { ...azure, apiKey: '' } })).toThrow(
      TypeError,
    );
    expect(() =>
      createPromptSafety({
        blocklist: [],
        moderation: { provider: 'openai', baseUrl: 'http://127.0.0.1:1', apiKey: '', timeoutMs: 1000 },
      }),
    ).toThrow(TypeError);
    expect(createPromptSafety({ blocklist: [], moderation: azure }).moderation).toBe('azure');
  });
});
