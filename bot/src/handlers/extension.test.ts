// The message extension's input handling and its search deadline. Everything else runs end to end in
// backend/test/api.bot-extension.test.ts and the Playground tests.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { BotDeps } from '../deps.ts';
import { formValues, messageText } from './extension-create.ts';
import { onSearch, searchWords } from './extension-search.ts';
import { BackgroundTasks } from '../tasks.ts';
import type { Turn } from './turn.ts';

describe('Create image input', () => {
  it('reads a Teams message body as plain text', () => {
    expect(messageText('<p>Koalas &amp; <b>wombats</b><br>at&nbsp;dawn &lt;3</p>')).toBe(
      'Koalas & wombats at dawn <3',
    );
    expect(messageText('x'.repeat(5000))).toHaveLength(4000);
  });

  it('keeps only what the form offers', () => {
    expect(formValues({ prompt: 'p', size: '1792x1024', quality: 'hd', model: 'dall-e-3' })).toEqual({
      prompt: 'p',
      size: '1792x1024',
      quality: 'hd',
      model: 'dall-e-3',
    });
    expect(formValues({ prompt: 3, size: 'huge', quality: 'ultra', model: '../etc' })).toEqual({
      prompt: '',
      size: '1024x1024',
      quality: 'standard',
      model: 'auto',
    });
    expect(formValues(null).prompt).toBe('');
  });
});

describe('Find image', () => {
  it('reads the search words; the initial run and an empty box mean "latest"', () => {
    expect(searchWords({ parameters: [{ name: 'query', value: '  koala ' }] })).toBe('koala');
    expect(searchWords({ parameters: [{ name: 'initialRun', value: 'true' }] })).toBeNull();
    expect(searchWords({ parameters: [{ name: 'query', value: '' }] })).toBeNull();
    expect(searchWords({})).toBeNull();
  });

  it('answers before Teams gives up, even when the store is slow', async () => {
    const log = pino({ level: 'silent' });
    // A store that never answers: the deadline is the only way out.
    const deps = {
      resolveUser: async () => ({
        tenantId: 't',
        objectId: 'o',
        displayName: 'A',
        role: 'standard_user',
        departmentId: 'd',
      }),
      searchGallery: () => new Promise(() => {}),
    } as unknown as BotDeps;
    const turn = { tenantId: 't', aadObjectId: 'o', userId: '29:a' } as Turn;
    const b = { deps, log, tasks: new BackgroundTasks(log), followMs: 1000 };
    const res = await onSearch(b, turn, { commandId: 'findImage', parameters: [] }, 50);
    expect(res.composeExtension).toEqual({
      type: 'message',
      text: 'The search is taking too long right now. Try again in a moment.',
    });
  });
});
