// `node scripts/make-office-icons.ts`: draws the Office add-in's icons from the Teams app's artwork, so the
// product looks the same in Teams, PowerPoint and Word. The PNGs are committed (office-addin/public/assets/, which
// the task pane build copies to /addin/assets/), so this runs only when the artwork changes.
// Sizes: 16, 32 and 80 for the ribbon button; 32 and 64 for IconUrl and HighResolutionIconUrl; 128 for AppSource.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { COLOR_SVG } from './make-teams-icons.ts';

export const OFFICE_ICON_SIZES = [16, 32, 64, 80, 128] as const;
export const OFFICE_ICON_DIR = resolve(import.meta.dirname, '../office-addin/public/assets');

export async function renderOfficeIcons(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const size of OFFICE_ICON_SIZES) {
    // Rendered from the vector at each size (density scales the 192 px artwork), never downscaled from a bitmap.
    const png = await sharp(Buffer.from(COLOR_SVG), { density: (72 * size) / 192 })
      .resize(size, size)
      .png()
      .toBuffer();
    const file = resolve(dir, `icon-${size}.png`);
    writeFileSync(file, png);
    written.push(file);
  }
  return written;
}

if (import.meta.main) {
  const files = await renderOfficeIcons(OFFICE_ICON_DIR);
  process.stdout.write(`Wrote ${files.join(', ')}\n`);
}
