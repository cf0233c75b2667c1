// The pane's start page from its address (the manifest's SupportUrl opens #/help) and the shape hint under the
// form: pure rules, checked without rendering.
import { describe, expect, it } from 'vitest';
import { shapeHint } from '../create/shape-hint.ts';
import { initialRoute, sectionOf } from './routes.ts';

describe('initialRoute', () => {
  it('opens the page the hash names, else Create', () => {
    expect(initialRoute('#/help')).toBe('/help');
    expect(initialRoute('#/recent/0b6f4a4e-8d5c-4c0a-9a43-6f1f2f1c2e3d')).toBe(
      '/recent/0b6f4a4e-8d5c-4c0a-9a43-6f1f2f1c2e3d',
    );
    expect(initialRoute('#/recent/')).toBe('/recent');
    expect(initialRoute('')).toBe('/create');
    expect(initialRoute('#/admin')).toBe('/create');
    expect(initialRoute('#/help?x=1')).toBe('/help');
  });

  it('names the section of a path', () => {
    expect(sectionOf('/recent/abc')).toBe('recent');
    expect(sectionOf('/help')).toBe('help');
    expect(sectionOf('/anything')).toBe('create');
  });
});

describe('shapeHint', () => {
  it('says whether the shape suits the slide or page, and that others are fitted, not cropped', () => {
    expect(shapeHint('1792x1024', '1792x1024', 'slide')).toBe('Suits the slide.');
    expect(shapeHint('1024x1024', '1792x1024', 'slide')).toBe(
      'Fitted inside the slide with a margin, never cropped.',
    );
    expect(shapeHint('1024x1792', '1792x1024', 'page')).toBe('Fitted to the text column, never cropped.');
    expect(shapeHint('1024x1024', null, 'slide')).toBeUndefined();
  });
});
