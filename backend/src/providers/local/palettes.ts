// Colour schemes for the local generator. A prompt's words choose the scheme when they suggest one
// (night, ocean, forest...), otherwise its hash does.

export interface Palette {
  name: string;
  sky: [string, string, string];
  glow: string;
  ridges: [string, string, string, string];
  accent: string;
  ink: string;
}

export const PALETTES: Palette[] = [
  {
    name: 'sunset',
    sky: ['#2b1055', '#d53369', '#fbb040'],
    glow: '#ffe29a',
    ridges: ['#7a2e5b', '#5a1f4a', '#3c1538', '#220b26'],
    accent: '#ffd166',
    ink: '#fff7e6',
  },
  {
    name: 'ocean',
    sky: ['#0b3d91', '#1f78b4', '#a6e1fa'],
    glow: '#ffffff',
    ridges: ['#1b6ca8', '#145a8d', '#0d4671', '#073254'],
    accent: '#7ee8fa',
    ink: '#f0fbff',
  },
  {
    name: 'eucalyptus',
    sky: ['#dff5e1', '#a8d5ba', '#5c946e'],
    glow: '#fff8d6',
    ridges: ['#6b9e76', '#4f7f5b', '#36603f', '#1f3f27'],
    accent: '#c7a27c',
    ink: '#fdfdf5',
  },
  {
    name: 'night',
    sky: ['#020024', '#090979', '#2c5364'],
    glow: '#e8eefc',
    ridges: ['#1c2a4a', '#15203a', '#0e172b', '#070d1c'],
    accent: '#ffe66d',
    ink: '#eef2ff',
  },
  {
    name: 'outback',
    sky: ['#f6d365', '#fda085', '#f76b1c'],
    glow: '#fff3c4',
    ridges: ['#c1502e', '#9c3d22', '#762d18', '#4f1d0f'],
    accent: '#ffe0a3',
    ink: '#fff8ef',
  },
  {
    name: 'aurora',
    sky: ['#0f2027', '#203a43', '#2c5364'],
    glow: '#9cffd9',
    ridges: ['#1e4d4a', '#173d3b', '#102e2c', '#081f1e'],
    accent: '#b3ffab',
    ink: '#eafff5',
  },
  {
    name: 'harbour',
    sky: ['#e0eafc', '#cfdef3', '#8fb3de'],
    glow: '#ffffff',
    ridges: ['#5d7ea8', '#486890', '#345376', '#213d5c'],
    accent: '#ff8c61',
    ink: '#ffffff',
  },
  {
    name: 'lavender',
    sky: ['#3a1c71', '#d76d77', '#ffaf7b'],
    glow: '#fff0f5',
    ridges: ['#8e5c8f', '#6f4774', '#513358', '#34203c'],
    accent: '#ffc6ff',
    ink: '#fff5fb',
  },
];

const HINTS: [RegExp, string][] = [
  [/\b(sunset|sunrise|dawn|dusk|evening)\b/i, 'sunset'],
  [/\b(night|midnight|stars?|moon|space|galaxy)\b/i, 'night'],
  [/\b(ocean|sea|beach|surf|wave|reef|water|harbour|harbor)\b/i, 'ocean'],
  [/\b(koala|forest|tree|bush|eucalypt\w*|garden|leaf|leaves|jungle)\b/i, 'eucalyptus'],
  [/\b(desert|outback|uluru|red centre|dune|kangaroo)\b/i, 'outback'],
  [/\b(aurora|northern lights|southern lights|ice|snow|winter)\b/i, 'aurora'],
  [/\b(city|office|skyline|bridge|opera house|sydney|melbourne)\b/i, 'harbour'],
];

export function choosePalette(prompt: string, rnd: () => number): Palette {
  for (const [re, name] of HINTS) if (re.test(prompt)) return PALETTES.find((p) => p.name === name)!;
  return PALETTES[Math.floor(rnd() * PALETTES.length)]!;
}

/** Style variations: `vivid` as is, `pastel` lighter, `noir` greyscale (applied by the renderer). */
export const LOCAL_STYLES = ['vivid', 'pastel', 'noir'] as const;
export type LocalStyle = (typeof LOCAL_STYLES)[number];
