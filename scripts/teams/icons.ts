// Checks the two icons Teams requires before they go into the package: a 192×192 colour icon and a 32×32 outline
// icon that is white on transparent (Teams rejects an outline icon with coloured or opaque background pixels).
import sharp from 'sharp';

export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } };

async function pixels(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { meta, data, width: info.width, height: info.height };
}

/** Problems with the icons, each naming the file; empty when both are fine. */
export async function iconProblems(color: Buffer, outline: Buffer): Promise<string[]> {
  const problems: string[] = [];
  const c = await pixels(color);
  if (c.meta.format !== 'png') problems.push(`color.png: is ${c.meta.format}, not PNG`);
  if (c.width !== 192 || c.height !== 192) problems.push(`color.png: is ${c.width}×${c.height}, not 192×192`);

  const o = await pixels(outline);
  if (o.meta.format !== 'png') problems.push(`outline.png: is ${o.meta.format}, not PNG`);
  if (o.width !== 32 || o.height !== 32) problems.push(`outline.png: is ${o.width}×${o.height}, not 32×32`);
  if (!o.meta.hasAlpha)
    problems.push('outline.png: has no alpha channel (the background must be transparent)');
  const alphaAt = (x: number, y: number) => o.data[(y * o.width + x) * 4 + 3] ?? 255;
  const corners = [
    alphaAt(0, 0),
    alphaAt(o.width - 1, 0),
    alphaAt(0, o.height - 1),
    alphaAt(o.width - 1, o.height - 1),
  ];
  if (corners.some((a) => a !== 0)) problems.push('outline.png: the corners are not transparent');
  let coloured = 0;
  for (let i = 0; i < o.data.length; i += 4) {
    // Anti-aliased edges are white with partial alpha; anything visibly not white is a mistake.
    if ((o.data[i + 3] ?? 0) > 0 && Math.min(o.data[i]!, o.data[i + 1]!, o.data[i + 2]!) < 240) coloured++;
  }
  if (coloured) problems.push(`outline.png: ${coloured} visible pixels are not white`);
  return problems;
}
