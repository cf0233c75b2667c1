import { describe, expect, it } from 'vitest';
import { normaliseText, parseCommand } from './parse.ts';

describe('parseCommand', () => {
  it('parses /imagine with defaults', () => {
    expect(parseCommand('/imagine a koala presenting quarterly results')).toEqual({
      kind: 'imagine',
      input: { prompt: 'a koala presenting quarterly results', size: '1024x1024', quality: 'standard', n: 1 },
    });
  });

  it('accepts the command without a slash and in any case', () => {
    expect(parseCommand('Imagine a cat')).toMatchObject({ kind: 'imagine', input: { prompt: 'a cat' } });
  });

  it('parses every option, in any position, with a space or "="', () => {
    const cmd = parseCommand(
      '/imagine --size wide a koala --quality hd --model dall-e-3 --n=3 --style Watercolor',
    );
    expect(cmd).toEqual({
      kind: 'imagine',
      input: {
        prompt: 'a koala',
        size: '1792x1024',
        quality: 'hd',
        model: 'dall-e-3',
        n: 3,
        style: 'watercolor',
      },
    });
  });

  it('maps tall and square and accepts a pixel size', () => {
    expect(parseCommand('/imagine x --size tall')).toMatchObject({ input: { size: '1024x1792' } });
    expect(parseCommand('/imagine x --size square')).toMatchObject({ input: { size: '1024x1024' } });
    expect(parseCommand('/imagine x --size 1792x1024')).toMatchObject({ input: { size: '1792x1024' } });
  });

  it('treats an em dash typed by autocorrect as an option', () => {
    expect(parseCommand('/imagine a koala —n 2')).toMatchObject({ input: { prompt: 'a koala', n: 2 } });
  });

  it('refuses bad option values with a helpful message', () => {
    expect(parseCommand('/imagine x --n 5')).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/1 to 4/),
    });
    expect(parseCommand('/imagine x --size huge')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('/imagine x --quality ultra')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('/imagine x --model Bad_Model!')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('/imagine x --style "two words"')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('/imagine x --colour red')).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/Unknown option --colour/),
    });
    expect(parseCommand('/imagine x --size')).toMatchObject({
      kind: 'invalid',
      message: '--size needs a value.',
    });
    expect(parseCommand('/imagine x --size --n 2')).toMatchObject({ kind: 'invalid' });
  });

  it('needs a prompt, and not a huge one', () => {
    expect(parseCommand('/imagine')).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/what to draw/),
    });
    expect(parseCommand('/imagine --n 2')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand(`/imagine ${'a'.repeat(4001)}`)).toMatchObject({ kind: 'invalid' });
  });

  it('parses the other commands', () => {
    expect(parseCommand('/budget')).toEqual({ kind: 'budget' });
    expect(parseCommand('history')).toEqual({ kind: 'history' });
    expect(parseCommand('/help')).toEqual({ kind: 'help' });
  });

  it('answers unknown text with help', () => {
    expect(parseCommand('hello there')).toEqual({ kind: 'help', unknown: 'hello there' });
    expect(parseCommand('')).toEqual({ kind: 'help' });
    expect(parseCommand('/imagines a cat')).toMatchObject({ kind: 'help' });
  });

  it('strips the bot mention in group chats and channels', () => {
    expect(parseCommand('<at>DonatelloAI</at> /imagine a koala')).toMatchObject({
      kind: 'imagine',
      input: { prompt: 'a koala' },
    });
  });
});

describe('normaliseText', () => {
  it('decodes entities and collapses spaces', () => {
    expect(normaliseText('  fish &amp; chips&nbsp;&lt;3 \n ok ')).toBe('fish & chips <3 ok');
  });
});
