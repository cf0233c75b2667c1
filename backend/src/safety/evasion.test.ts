// The prompt checks read what a prompt says, not how it is spelled (issue #10, defect 1): invisible characters,
// look-alikes, other digit systems and spelled-out numbers do not hide personal information or a blocklisted
// word, offsets always point into the prompt as given, and redaction removes exactly the original characters.
import { describe, expect, it } from 'vitest';
import { BENIGN_PROMPTS, BENIGN_UNICODE_PROMPTS } from './benign.test-support.ts';
import { Blocklist } from './blocklist.ts';
import type { Moderator } from './moderation.ts';
import { normalisePrompt, toOriginal } from './normalise.ts';
import { redactPrompt } from './redact.ts';
import { PromptSafetyService } from './service.ts';

const ZWSP = '\u200B';
const ZWNJ = '\u200C';
const WJ = '\u2060';
const SHY = '\u00AD';
const THIN = '\u2009';
const NNBSP = '\u202F';
const EN_DASH = '\u2013';

class RecordingModerator implements Moderator {
  readonly provider = 'recording';
  readonly seen: string[] = [];
  async moderate(text: string): Promise<string[]> {
    this.seen.push(text);
    return [];
  }
}

const service = (moderator?: Moderator) =>
  new PromptSafetyService({ blocklist: new Blocklist(['falcon', 'project falcon']), moderator });

/** Each finding as `type:original text`, plus the redacted prompt. */
async function check(prompt: string) {
  const verdict = await service().check(prompt, { piiAction: 'warn' });
  return {
    decision: verdict.decision,
    found: verdict.findings.map((f) => `${f.type}:${prompt.slice(f.start, f.end)}`),
    redacted: redactPrompt(prompt, verdict.findings),
  };
}

describe('invisible and look-alike characters do not hide personal information', () => {
  it.each([
    ['payment_card', `4111${ZWSP}1111${ZWSP}1111${ZWSP}1111`],
    ['payment_card', `4111${EN_DASH}1111${EN_DASH}1111${EN_DASH}1111`],
    ['payment_card', `4111${THIN}1111${THIN}1111${THIN}1111`],
    ['au_tfn', `123${ZWNJ}456${ZWNJ}782`],
    ['au_tfn', `123${WJ}456${WJ}782`],
    ['au_tfn', `1${SHY}2${SHY}3${SHY}4${SHY}5${SHY}6${SHY}7${SHY}8${SHY}2`],
    ['au_tfn', `123${NNBSP}456${NNBSP}782`],
    ['au_tfn', '123\u00A0\u00A0456\u3000782'],
    ['au_tfn', '123\n456\n782'],
    ['au_tfn', '123  456  782'],
    ['au_tfn', '١٢٣ ٤٥٦ ٧٨٢'],
    ['au_tfn', '१२३ ४५६ ७८२'],
    ['au_tfn', '１２３ ４５６ ７８２'],
    ['au_tfn', '𝟏𝟐𝟑 𝟒𝟓𝟔 𝟕𝟖𝟐'],
    ['au_tfn', '①②③ ④⑤⑥ ⑦⑧②'],
    ['au_tfn', '1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣2️⃣'],
    ['au_tfn', '1\u03322\u03323\u0332 4\u03325\u03326\u0332 7\u03328\u03322\u0332'],
    ['au_tfn', `123\u202E456\u202C782`],
    ['au_phone', `0412${ZWSP} 345${SHY} 678`],
    ['au_phone', '０４１２ ３４５ ６７８'],
    ['email', 'jo\uFF20example\uFF0Ecom'],
    ['email', 'jo\uFE6Bexample\uFE52com'],
    ['email', 'jo@example\u3002com'],
    ['email', `jo${ZWSP}@${ZWSP}example.com`],
  ] as const)('%s: %j', async (type, secret) => {
    const prompt = `Poster for ${secret} please`;
    const r = await check(prompt);
    expect(r.found).toEqual([`${type}:${secret}`]);
    expect(r.redacted).toBe(`Poster for [${type}] please`);
  });

  it('reads numbers spelled out or written one digit at a time', async () => {
    for (const [type, secret] of [
      ['au_tfn', 'one two three four five six seven eight two'],
      ['au_phone', 'oh four one two, three four five, six seven eight'],
      ['au_phone', 'zero four double one, two three four, five six seven'],
      ['payment_card', '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'],
      ['au_tfn', 'one-two-three four-five-six seven-eight-two'],
    ] as const) {
      const r = await check(`my number is ${secret}.`);
      expect(r.found, secret).toEqual([`${type}:${secret}`]);
      expect(r.redacted).toBe(`my number is [${type}].`);
    }
  });

  it('reads ASCII hidden in Unicode tag characters', async () => {
    const hidden = [...'jo@example.com'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    const r = await check(`A calm lake ${hidden}`);
    expect(r.found).toEqual([`email:${hidden}`]);
    expect(r.redacted).toBe('A calm lake [email]');
  });

  it('redacts the invisible characters inside a span and keeps those outside it', async () => {
    const prompt = `${ZWSP}TFN ${ZWSP}123${ZWSP}456${ZWSP}782${ZWSP}!`;
    const r = await check(prompt);
    expect(r.redacted).toBe(`${ZWSP}TFN ${ZWSP}[au_tfn]${ZWSP}!`);
  });
});

describe('invisible and look-alike characters do not hide a blocklisted word', () => {
  it.each([
    `fal${SHY}con`,
    `fal${ZWSP}con`,
    `f${WJ}a${ZWNJ}l\u200Dcon`,
    'ｆａｌｃｏｎ',
    'FALCON',
    'f\u0430lcon', // Cyrillic а
    '\u0066\u0251\u006C\u0441\u043E\u0578', // ɑ, Cyrillic с and о, Armenian ո
    'fálcón',
    'fa\u0301lco\u0308n',
    'f4lc0n',
    'f@lc0n',
    'f.a.l.c.o.n',
    'F A L C O N',
    'f-a-l-c-o-n',
    'ⓕⓐⓛⓒⓞⓝ',
    '𝐟𝐚𝐥𝐜𝐨𝐧',
    '𝔣𝔞𝔩𝔠𝔬𝔫',
    [...'falcon'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join(''),
  ])('%j', async (word) => {
    const r = await check(`A logo for ${word}, in blue`);
    expect(r.decision).toBe('block');
    expect(r.found).toEqual([`blocklist:${word}`]);
    expect(r.redacted).toBe('A logo for [blocklist], in blue');
  });

  it('matches phrases across any space and invisible characters between the words', async () => {
    const r = await check(`project${ZWSP} \u3000${SHY}falcon`);
    expect(r.found).toEqual([`blocklist:project${ZWSP} \u3000${SHY}falcon`]);
  });

  it('still needs the same separator throughout a spaced-out word, and whole words', async () => {
    for (const prompt of [
      'fal con',
      'f.al-con',
      'falconry',
      'a falcon-shaped kite'.replace('falcon', 'falc0ns'),
    ]) {
      expect((await check(prompt)).found, prompt).toEqual([]);
    }
  });
});

describe('moderation reads the normalised prompt', () => {
  it('gets invisible characters removed and look-alikes folded, with personal information redacted', async () => {
    const moderator = new RecordingModerator();
    await service(moderator).check(`ｋｉｌｌ${ZWSP} the ki${SHY}ng, TFN 123${ZWSP}456${ZWSP}782`, {
      piiAction: 'warn',
    });
    expect(moderator.seen).toEqual(['kill the king, TFN [au_tfn]']);
  });
});

describe('benign prompts stay allowed through the whole check', () => {
  it.each([...BENIGN_PROMPTS, ...BENIGN_UNICODE_PROMPTS])('%j', async (prompt) => {
    expect(await check(prompt)).toEqual({ decision: 'allow', found: [], redacted: prompt });
  });
});

describe('the normalised view', () => {
  it('maps every character back to the original span it came from', () => {
    const prompt = `a${ZWSP}b 𝟏\u3000\u3000c`;
    const view = normalisePrompt(prompt);
    expect(view.text).toBe('ab 1 c');
    expect(toOriginal(view, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(prompt.slice(toOriginal(view, 3, 4).start, toOriginal(view, 3, 4).end)).toBe('𝟏');
    expect(toOriginal(view, 4, 5)).toEqual({ start: 6, end: 8 });
    expect(view.from.length).toBe(view.text.length);
  });
});
