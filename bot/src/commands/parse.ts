// The chat commands, parsed without I/O: `/imagine <prompt> [--size square|wide|tall] [--quality hd]
// [--model <id>] [--n 1-4] [--style <name>]`, `/budget`, `/history`, `/help`. Anything else is help.
// The leading slash is optional: Teams' command menu inserts commands without one.
import type { GenerationRequest } from '@donatello/contracts';

export type ImagineInput = Pick<GenerationRequest, 'prompt' | 'size' | 'quality' | 'n'> &
  Partial<Pick<GenerationRequest, 'model' | 'style'>>;

export type Command =
  | { kind: 'imagine'; input: ImagineInput }
  | { kind: 'budget' }
  | { kind: 'history' }
  | { kind: 'help'; unknown?: string }
  | { kind: 'invalid'; command: 'imagine'; message: string };

const SIZES: Record<string, GenerationRequest['size']> = {
  square: '1024x1024',
  wide: '1792x1024',
  landscape: '1792x1024',
  tall: '1024x1792',
  portrait: '1024x1792',
  '1024x1024': '1024x1024',
  '1792x1024': '1792x1024',
  '1024x1792': '1024x1792',
};
const MODEL = /^(auto|[a-z0-9][a-z0-9.-]{1,63})$/;
const STYLE = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_PROMPT = 4000;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Teams text may still hold mention tags and a few HTML entities; plain text is what the parser reads. */
export function normaliseText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

export function parseCommand(raw: string): Command {
  const text = normaliseText(raw);
  const m = /^\/?([a-z]+)\b\s*(.*)$/is.exec(text);
  const word = m?.[1]?.toLowerCase() ?? '';
  const rest = m?.[2] ?? '';
  switch (word) {
    case 'imagine':
      return parseImagine(rest);
    case 'budget':
      return { kind: 'budget' };
    case 'history':
      return { kind: 'history' };
    case 'help':
      return { kind: 'help' };
    default:
      return text ? { kind: 'help', unknown: text.slice(0, 100) } : { kind: 'help' };
  }
}

function invalid(message: string): Command {
  return { kind: 'invalid', command: 'imagine', message };
}

function parseImagine(rest: string): Command {
  const words = rest.split(' ').filter(Boolean);
  const prompt: string[] = [];
  const input: Omit<ImagineInput, 'prompt'> = { size: '1024x1024', quality: 'standard', n: 1 };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // Both en and em dashes: Teams and phones turn "--" into "—" as people type.
    const opt = /^(?:--|—|–)([a-z]+)(?:=(.*))?$/i.exec(word);
    if (!opt) {
      prompt.push(word);
      continue;
    }
    const name = opt[1]!.toLowerCase();
    let value = opt[2];
    if (value === undefined && name !== 'hd') {
      value = words[i + 1];
      if (value === undefined || /^(--|—|–)/.test(value)) return invalid(`--${name} needs a value.`);
      i++;
    }
    const v = (value ?? '').toLowerCase();
    switch (name) {
      case 'size': {
        const size = SIZES[v];
        if (!size) return invalid('--size must be square, wide or tall.');
        input.size = size;
        break;
      }
      case 'quality':
        if (v !== 'hd' && v !== 'standard') return invalid('--quality must be hd or standard.');
        input.quality = v;
        break;
      case 'hd':
        input.quality = 'hd';
        break;
      case 'model':
        if (!MODEL.test(v)) return invalid('--model must be a model id such as dall-e-3, or auto.');
        input.model = v;
        break;
      case 'n': {
        if (!/^[1-4]$/.test(v)) return invalid('--n must be a whole number from 1 to 4.');
        input.n = Number(v);
        break;
      }
      case 'style':
        if (!STYLE.test(v))
          return invalid('--style must be a single word such as watercolor or flat-design.');
        input.style = v;
        break;
      default:
        return invalid(`Unknown option --${name}. Options: --size, --quality, --model, --n, --style.`);
    }
  }
  const text = prompt.join(' ').trim();
  if (!text)
    return invalid('Tell me what to draw, for example: /imagine a koala presenting quarterly results');
  if (text.length > MAX_PROMPT) return invalid(`The prompt is too long (at most ${MAX_PROMPT} characters).`);
  return { kind: 'imagine', input: { prompt: text, ...input } };
}
