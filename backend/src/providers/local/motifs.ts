// Foreground motifs the local generator adds when the prompt mentions them. Pure SVG strings.
import { between } from './random.ts';

type Rnd = () => number;

/** A presentation board with rising bars and a trend line ("quarterly results", "growth", "chart"). */
export function chartBoard(rnd: Rnd, x: number, y: number, w: number, h: number, accent: string): string {
  const bars = 4 + Math.floor(rnd() * 3);
  const pad = w * 0.1;
  const bw = (w - pad * 2) / (bars * 1.5);
  let out = `<g><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${w * 0.03}" fill="#fdfdfd" opacity="0.94"/>`;
  out += `<rect x="${x}" y="${y}" width="${w}" height="${h * 0.12}" rx="${w * 0.03}" fill="${accent}" opacity="0.85"/>`;
  const base = y + h - pad * 0.8;
  const pts: string[] = [];
  for (let i = 0; i < bars; i++) {
    const bh = (h - pad * 2.4) * (0.25 + (0.7 * (i + rnd() * 0.8)) / bars);
    const bx = x + pad + i * bw * 1.5;
    out += `<rect x="${bx}" y="${base - bh}" width="${bw}" height="${bh}" rx="${bw * 0.12}" fill="${i === bars - 1 ? accent : '#4a6fa5'}"/>`;
    pts.push(`${bx + bw / 2},${base - bh - h * 0.05}`);
  }
  out += `<polyline points="${pts.join(' ')}" fill="none" stroke="#e4572e" stroke-width="${w * 0.012}" stroke-linecap="round" stroke-linejoin="round"/>`;
  out += `<line x1="${x + pad * 0.6}" y1="${base}" x2="${x + w - pad * 0.6}" y2="${base}" stroke="#888" stroke-width="${w * 0.006}"/>`;
  return `${out}</g>`;
}

/** A friendly koala, sitting. */
export function koala(x: number, y: number, s: number): string {
  const grey = '#8d99a6';
  const light = '#d9dee4';
  return `<g>
    <ellipse cx="${x}" cy="${y + s * 0.95}" rx="${s * 0.62}" ry="${s * 0.75}" fill="${grey}"/>
    <ellipse cx="${x}" cy="${y + s * 1.05}" rx="${s * 0.36}" ry="${s * 0.5}" fill="${light}"/>
    <circle cx="${x - s * 0.55}" cy="${y - s * 0.25}" r="${s * 0.32}" fill="${grey}"/>
    <circle cx="${x + s * 0.55}" cy="${y - s * 0.25}" r="${s * 0.32}" fill="${grey}"/>
    <circle cx="${x - s * 0.55}" cy="${y - s * 0.25}" r="${s * 0.19}" fill="${light}"/>
    <circle cx="${x + s * 0.55}" cy="${y - s * 0.25}" r="${s * 0.19}" fill="${light}"/>
    <circle cx="${x}" cy="${y}" r="${s * 0.5}" fill="${grey}"/>
    <ellipse cx="${x}" cy="${y + s * 0.08}" rx="${s * 0.13}" ry="${s * 0.19}" fill="#2f2f35"/>
    <circle cx="${x - s * 0.2}" cy="${y - s * 0.1}" r="${s * 0.055}" fill="#1d1d22"/>
    <circle cx="${x + s * 0.2}" cy="${y - s * 0.1}" r="${s * 0.055}" fill="#1d1d22"/>
    <circle cx="${x - s * 0.185}" cy="${y - s * 0.12}" r="${s * 0.018}" fill="#fff"/>
    <circle cx="${x + s * 0.215}" cy="${y - s * 0.12}" r="${s * 0.018}" fill="#fff"/>
  </g>`;
}

/** A row of gum trees along a ridge line. */
export function trees(rnd: Rnd, width: number, baseY: number, count: number, color: string): string {
  let out = '<g>';
  for (let i = 0; i < count; i++) {
    const x = between(rnd, 0, width);
    const h = between(rnd, baseY * 0.12, baseY * 0.28);
    const w = h * 0.06;
    out += `<rect x="${x - w / 2}" y="${baseY - h}" width="${w}" height="${h}" fill="${color}" opacity="0.9"/>`;
    for (let k = 0; k < 3; k++) {
      const r = h * between(rnd, 0.16, 0.24);
      out += `<circle cx="${x + between(rnd, -h * 0.15, h * 0.15)}" cy="${baseY - h + between(rnd, -r * 0.3, r * 0.6)}" r="${r}" fill="${color}" opacity="0.85"/>`;
    }
  }
  return `${out}</g>`;
}

/** Layered wave bands across the bottom of the picture. */
export function waves(rnd: Rnd, width: number, height: number, color: string): string {
  let out = '<g>';
  for (let band = 0; band < 3; band++) {
    const y = height * (0.72 + band * 0.07);
    const amp = height * between(rnd, 0.01, 0.025);
    const len = width / between(rnd, 3, 6);
    let d = `M0 ${y}`;
    for (let x = 0; x <= width + len; x += len) d += ` q ${len / 4} ${-amp} ${len / 2} 0 t ${len / 2} 0`;
    d += ` V ${height} H 0 Z`;
    out += `<path d="${d}" fill="${color}" opacity="${0.35 + band * 0.2}"/>`;
  }
  return `${out}</g>`;
}

/** Scattered stars, some twinkling larger. */
export function stars(rnd: Rnd, width: number, height: number, count: number): string {
  let out = '<g fill="#ffffff">';
  for (let i = 0; i < count; i++) {
    const r = rnd() < 0.1 ? between(rnd, 1.6, 2.6) : between(rnd, 0.5, 1.3);
    out += `<circle cx="${(rnd() * width).toFixed(1)}" cy="${(rnd() * height * 0.6).toFixed(1)}" r="${r.toFixed(2)}" opacity="${between(rnd, 0.4, 1).toFixed(2)}"/>`;
  }
  return `${out}</g>`;
}
