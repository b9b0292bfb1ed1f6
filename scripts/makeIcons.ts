import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type Image } from './png';

/*
 * Draws the app icons (a person with a key) and writes manifest/color.png (192×192, full colour) and
 * manifest/outline.png (32×32, white on transparent), as Teams requires. Run: `npx tsx scripts/makeIcons.ts`.
 * Shapes are drawn in a unit square and anti-aliased by 4×4 supersampling.
 */

type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => boolean;
interface Layer { shape: Shape; color: Rgba }

/** The colour icon's background; the manifest's accentColor is the same colour. */
export const ACCENT: Rgba = [0x0f, 0x7b, 0x6c, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [0xf5, 0xb8, 0x2e, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const circle = (cx: number, cy: number, r: number, grow = 0): Shape => {
  const rr = Math.max(0, r + grow) ** 2;
  return (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rr;
};
const rect = (x0: number, y0: number, x1: number, y1: number, grow = 0): Shape => (x, y) =>
  x >= x0 - grow && x <= x1 + grow && y >= y0 - grow && y <= y1 + grow;
const union = (...shapes: Shape[]): Shape => (x, y) => {
  for (const s of shapes) if (s(x, y)) return true;
  return false;
};

const head = circle(0.4, 0.28, 0.19);
/** Shoulders: the top of an ellipse, cut flat at the bottom. */
const shoulders: Shape = (x, y) => y <= 0.98 && ((x - 0.4) / 0.38) ** 2 + ((y - 0.98) / 0.42) ** 2 <= 1;
function key(grow: number): Shape {
  const bow = circle(0.76, 0.5, 0.17, grow);
  const hole = circle(0.76, 0.5, 0.075, -grow);
  const ring: Shape = (x, y) => bow(x, y) && !hole(x, y);
  return union(ring, rect(0.72, 0.6, 0.8, 0.98, grow), rect(0.8, 0.78, 0.9, 0.85, grow), rect(0.8, 0.9, 0.9, 0.97, grow));
}

/** Renders layers (last one wins) over a background; the design's unit square maps to [margin, 1 - margin]. */
function render(size: number, margin: number, background: Rgba, layers: Layer[], channels: 3 | 4): Image {
  const SS = 4;
  const pixels = new Uint8Array(size * size * channels);
  const scale = 1 - 2 * margin;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = ((px + (sx + 0.5) / SS) / size - margin) / scale;
          const y = ((py + (sy + 0.5) / SS) / size - margin) / scale;
          let c = background;
          for (const layer of layers) if (layer.shape(x, y)) c = layer.color;
          for (let i = 0; i < 3; i++) sum[i] += c[i] * c[3];
          sum[3] += c[3];
        }
      }
      const at = (py * size + px) * channels;
      for (let i = 0; i < 3; i++) pixels[at + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
      if (channels === 4) pixels[at + 3] = Math.round(sum[3] / (SS * SS));
    }
  }
  return { width: size, height: size, channels, pixels };
}

/** Both icons as PNG bytes. */
export function makeIcons(): { color: Buffer; outline: Buffer } {
  const person = union(head, shoulders);
  const color = render(192, 0.2, ACCENT, [
    { shape: person, color: WHITE },
    { shape: key(0.06), color: ACCENT },
    { shape: key(0), color: GOLD },
  ], 3);
  const outline = render(32, 0.03, CLEAR, [
    { shape: person, color: WHITE },
    { shape: key(0.07), color: CLEAR },
    { shape: key(0), color: WHITE },
  ], 4);
  return { color: encodePng(color), outline: encodePng(outline) };
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifest');
  const { color, outline } = makeIcons();
  writeFileSync(join(dir, 'color.png'), color);
  writeFileSync(join(dir, 'outline.png'), outline);
  console.log(`wrote ${join(dir, 'color.png')} (${color.length} bytes) and ${join(dir, 'outline.png')} (${outline.length} bytes)`);
}
