// Draws the local provider's picture as SVG: a sky, a sun or moon with a glow, layered ridges, motifs the
// prompt asks for (a chart board, a koala, trees, waves, stars) and the prompt as a caption. Deterministic:
// the same prompt, seed and size give the same picture.
import { between, seededRandom } from './random.ts';
import { escapeXml } from '../../domain/xml.ts';
import { choosePalette, type Palette } from './palettes.ts';
import { chartBoard, koala, stars, trees, waves } from './motifs.ts';

export interface SceneInput {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  detailed: boolean;
}

const BUSINESS =
  /\b(quarterly|results?|charts?|reports?|growth|sales|revenue|presentation|presenting|kpis?|profit|budget|graph|dashboard)\b/i;
const KOALA = /\bkoalas?\b/i;
const FOREST = /\b(forest|trees?|bush|eucalypt\w*|koalas?|garden|jungle)\b/i;
const WATER = /\b(ocean|sea|beach|surf|waves?|reef|harbou?r|lake|river)\b/i;

/** Splits the caption into at most `maxLines` lines of about `maxChars`, ending with an ellipsis if cut. */
export function wrapCaption(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const w = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
    if (cur && (cur + ' ' + w).length > maxChars) {
      lines.push(cur);
      cur = w;
      if (lines.length === maxLines) break;
    } else {
      cur = cur ? `${cur} ${w}` : w;
    }
  }
  if (lines.length < maxLines && cur) lines.push(cur);
  const used = lines.join(' ').length;
  if (used < text.replace(/\s+/g, ' ').trim().length) {
    const last = lines.length - 1;
    lines[last] = `${lines[last]!.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  }
  return lines;
}

function ridge(
  rnd: () => number,
  width: number,
  height: number,
  baseFrac: number,
  rough: number,
  fill: string,
) {
  const steps = 8;
  const base = height * baseFrac;
  let y = base + between(rnd, -rough, rough);
  let d = `M0 ${y.toFixed(1)}`;
  for (let i = 1; i <= steps; i++) {
    const x = (width * i) / steps;
    const ny = base + between(rnd, -rough, rough);
    d += ` Q ${(x - width / steps / 2).toFixed(1)} ${(Math.min(y, ny) - rough * between(rnd, 0.2, 0.9)).toFixed(1)} ${x.toFixed(1)} ${ny.toFixed(1)}`;
    y = ny;
  }
  return `<path d="${d} V ${height} H 0 Z" fill="${fill}"/>`;
}

function caption(p: Palette, prompt: string, w: number, h: number): string {
  const fs = Math.round(Math.min(w, h) * 0.032);
  const pad = fs;
  const lines = wrapCaption(prompt, Math.floor((w - pad * 2) / (fs * 0.56)), 2);
  const bandH = pad * 1.6 + lines.length * fs * 1.25 + fs * 0.9;
  const y0 = h - bandH - pad * 0.6;
  const text = lines
    .map(
      (l, i) =>
        `<text x="${pad * 1.8}" y="${y0 + pad * 0.9 + fs * (i + 1) * 1.2}" font-size="${fs}" font-weight="600">${escapeXml(l)}</text>`,
    )
    .join('');
  return `<g font-family="DejaVu Sans, sans-serif" fill="${p.ink}">
    <rect x="${pad * 0.8}" y="${y0}" width="${w - pad * 1.6}" height="${bandH}" rx="${fs * 0.6}" fill="#000" opacity="0.45"/>
    ${text}
    <text x="${w - pad * 1.8}" y="${y0 + bandH - pad * 0.6}" font-size="${Math.round(fs * 0.55)}" text-anchor="end" opacity="0.85">AI generated · DonatelloAI local</text>
  </g>`;
}

export function renderScene(input: SceneInput): string {
  const { prompt, width: w, height: h, detailed } = input;
  const rnd = seededRandom(prompt, input.seed, w, h);
  const p = choosePalette(prompt, rnd);
  const min = Math.min(w, h);
  const sunX = w * between(rnd, 0.18, 0.82);
  const sunY = h * between(rnd, 0.14, 0.34);
  const sunR = min * between(rnd, 0.06, 0.1);
  const nightish = p.name === 'night' || p.name === 'aurora';
  const parts: string[] = [
    `<defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="${p.sky[0]}"/><stop offset="0.55" stop-color="${p.sky[1]}"/><stop offset="1" stop-color="${p.sky[2]}"/>
      </linearGradient>
      <radialGradient id="glow"><stop offset="0" stop-color="${p.glow}" stop-opacity="0.9"/><stop offset="1" stop-color="${p.glow}" stop-opacity="0"/></radialGradient>
      <radialGradient id="vignette" cx="0.5" cy="0.45" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></radialGradient>
    </defs>`,
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
  ];
  if (nightish) parts.push(stars(rnd, w, h, detailed ? 160 : 70));
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${sunR * 3.2}" fill="url(#glow)"/>`);
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${sunR}" fill="${p.glow}"/>`);
  if (!nightish) {
    for (let i = 0; i < (detailed ? 6 : 3); i++) {
      const cx = between(rnd, 0, w);
      const cy = h * between(rnd, 0.08, 0.35);
      parts.push(
        `<ellipse cx="${cx}" cy="${cy}" rx="${min * between(rnd, 0.08, 0.16)}" ry="${min * between(rnd, 0.02, 0.04)}" fill="#fff" opacity="${between(rnd, 0.2, 0.45).toFixed(2)}"/>`,
      );
    }
  }
  const fracs = [0.5, 0.6, 0.7, 0.82];
  fracs.forEach((f, i) => parts.push(ridge(rnd, w, h, f, h * (0.07 - i * 0.012), p.ridges[i]!)));
  if (FOREST.test(prompt)) parts.push(trees(rnd, w, h * 0.72, detailed ? 14 : 8, p.ridges[3]));
  if (WATER.test(prompt)) parts.push(waves(rnd, w, h, p.accent));
  const business = BUSINESS.test(prompt);
  if (business) parts.push(chartBoard(rnd, w * 0.5, h * 0.36, w * 0.36, h * 0.3, p.accent));
  if (KOALA.test(prompt)) parts.push(koala(business ? w * 0.3 : w * 0.5, h * 0.55, min * 0.13));
  parts.push(`<rect width="${w}" height="${h}" fill="url(#vignette)"/>`);
  parts.push(caption(p, prompt, w, h));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${parts.join('')}</svg>`;
}
