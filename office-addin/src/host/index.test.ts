// officeHostFor: the host for what Office.onReady reported, built on the Office.js globals the CDN script defines.
import { afterEach, describe, expect, it } from 'vitest';
import { fakePowerPoint } from '../../test/fake-powerpoint.ts';
import { fakeWord } from '../../test/fake-word.ts';
import { officeHostFor } from './index.ts';

const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  delete globals.Office;
  delete globals.PowerPoint;
  delete globals.Word;
});

describe('officeHostFor', () => {
  it('PowerPoint and Word get their hosts, wired to the globals Office.js defines', async () => {
    const pp = fakePowerPoint({
      sets: { ImageCoercion: '1.1', PowerPointApi: '1.10' },
      slide: { width: 720, height: 540 },
    });
    globals.Office = pp.office;
    globals.PowerPoint = pp.powerpoint;
    const powerpoint = officeHostFor({ host: 'PowerPoint' });
    expect(powerpoint?.kind).toBe('powerpoint');
    // It reads the slide through the global PowerPoint: 4:3 gives a square image.
    expect(await powerpoint!.defaultAspect()).toBe('1024x1024');

    const word = fakeWord({ sets: { WordApi: '1.2' } });
    globals.Office = word.office;
    globals.Word = word.word;
    const host = officeHostFor({ host: 'Word' });
    expect(host?.kind).toBe('word');
    expect((await host!.capabilities()).canInsert).toBe(true);
  });

  it('a plain browser (host null) and other Office apps get none', () => {
    expect(officeHostFor({ host: null })).toBeNull();
    expect(officeHostFor({ host: 'Excel' })).toBeNull();
    expect(officeHostFor({ host: 'Outlook' })).toBeNull();
  });
});
