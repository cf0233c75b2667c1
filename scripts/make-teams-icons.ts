// `node scripts/make-teams-icons.ts`: draws the Teams app icons from SVG. The PNGs are committed, so this runs
// only when the artwork changes. Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white
// on a transparent background (it tints the outline itself).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';

export const ACCENT = '#5B3FD9';

// A brush tip over a canvas with a spark: "make a picture". Drawn on a 192 grid; the colour icon fills the square
// (Teams rounds the corners itself).
export const COLOR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#7C5CFA"/><stop offset="1" stop-color="#4527B8"/>
    </linearGradient>
  </defs>
  <rect width="192" height="192" fill="url(#bg)"/>
  <rect x="36" y="44" width="104" height="88" rx="10" fill="#FFFFFF"/>
  <path d="M48 120 L76 88 L96 108 L110 94 L128 120 Z" fill="#2BB673"/>
  <circle cx="112" cy="66" r="10" fill="#FFB000"/>
  <path d="M150 86 L112 140 L102 150 L106 136 L144 82 Z" fill="#FFD36E" stroke="#2B1B73" stroke-width="4"
    stroke-linejoin="round"/>
  <path d="M150 30 L155 43 L168 48 L155 53 L150 66 L145 53 L132 48 L145 43 Z" fill="#FFFFFF"/>
</svg>`;

// The same idea as a white line drawing; the corners stay clear so Teams' rounded mask never clips it.
const OUTLINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect x="5" y="8" width="17" height="15" rx="2" fill="none" stroke="#FFFFFF" stroke-width="2"/>
  <path d="M8 20 L12 15 L15 18 L17 16 L20 20 Z" fill="#FFFFFF"/>
  <path d="M26 14 L19 24 L17 26 L18 23 L25 13 Z" fill="#FFFFFF"/>
  <path d="M25 4 L26 6.5 L28.5 7.5 L26 8.5 L25 11 L24 8.5 L21.5 7.5 L24 6.5 Z" fill="#FFFFFF"/>
</svg>`;

export async function renderIcons(dir: string): Promise<void> {
  const color = await sharp(Buffer.from(COLOR_SVG)).png().toBuffer();
  const outline = await sharp(Buffer.from(OUTLINE_SVG)).ensureAlpha().png().toBuffer();
  writeFileSync(resolve(dir, 'color.png'), color);
  writeFileSync(resolve(dir, 'outline.png'), outline);
}

if (import.meta.main) {
  const dir = resolve(import.meta.dirname, '../appPackage');
  await renderIcons(dir);
  process.stdout.write(`Wrote ${dir}/color.png and ${dir}/outline.png\n`);
}
