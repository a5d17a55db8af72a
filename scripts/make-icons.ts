// Regenerates the Teams app icons manifest/color.png and manifest/outline.png.
// Run from the repository root: node scripts/make-icons.ts [output folder]
// The icons are drawn from simple shapes so they can be rebuilt without an image editor or
// extra packages.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

// Shapes work in unit coordinates so one drawing serves both icon sizes.
type Shape = (x: number, y: number) => boolean;

const ACCENT: Rgba = [0x1f, 0x6f, 0xb2, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const SUPERSAMPLES = 8;
const BIT_DEPTH = 8;
const COLOUR_TYPE_RGBA = 6;

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + radius - x, x - (x1 - radius), 0);
    const dy = Math.max(y0 + radius - y, y - (y1 - radius), 0);
    return dx * dx + dy * dy <= radius * radius;
  };
}

function polyline(points: readonly (readonly [number, number])[], width: number): Shape {
  const half = width / 2;
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1] ?? [0, 0];
      const [bx, by] = points[i] ?? [0, 0];
      const abx = bx - ax;
      const aby = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * abx + (y - ay) * aby) / (abx * abx + aby * aby)));
      const px = ax + t * abx - x;
      const py = ay + t * aby - y;
      if (px * px + py * py <= half * half) return true;
    }
    return false;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

function difference(outer: Shape, inner: Shape): Shape {
  return (x, y) => outer(x, y) && !inner(x, y);
}

// Three rising bars with a tick above them: "the figures are in".
function symbol(left: number, top: number, size: number, stroke: number): Shape {
  const at = (u: number, v: number): readonly [number, number] => [left + u * size, top + v * size];
  const bar = (u0: number, v0: number): Shape => {
    const [x0, y0] = at(u0, v0);
    const [x1, y1] = at(u0 + 0.2, 1);
    return roundedRect(x0, y0, x1, y1, stroke / 3);
  };
  return union(
    bar(0.05, 0.62),
    bar(0.4, 0.45),
    bar(0.75, 0.28),
    polyline([at(0.08, 0.22), at(0.25, 0.36), at(0.6, 0.02)], stroke),
  );
}

function render(size: number, layers: readonly (readonly [Shape, Rgba])[]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLES) / size;
          // The topmost layer that covers the sample wins.
          for (let i = layers.length - 1; i >= 0; i--) {
            const layer = layers[i];
            if (layer !== undefined && layer[0](x, y)) {
              const [lr, lg, lb, la] = layer[1];
              r += lr * la;
              g += lg * la;
              b += lb * la;
              a += la;
              break;
            }
          }
        }
      }
      const offset = (py * size + px) * 4;
      // Colour is averaged with alpha weighting so edges do not darken against transparency.
      pixels[offset] = a === 0 ? 0 : Math.round(r / a);
      pixels[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[offset + 3] = Math.round(a / (SUPERSAMPLES * SUPERSAMPLES));
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = BIT_DEPTH;
  header[9] = COLOUR_TYPE_RGBA;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outputDir = resolve(process.argv[2] ?? 'manifest');

const colorLayers: (readonly [Shape, Rgba])[] = [
  [roundedRect(0, 0, 1, 1, 0.18), ACCENT],
  [symbol(0.22, 0.22, 0.56, 0.075), WHITE],
];
writeFileSync(join(outputDir, 'color.png'), encodePng(192, render(192, colorLayers)));

// Teams tints the outline icon itself, so it must be pure white on transparency.
const frame = difference(roundedRect(0.03, 0.03, 0.97, 0.97, 0.2), roundedRect(0.1, 0.1, 0.9, 0.9, 0.13));
const outlineLayers: (readonly [Shape, Rgba])[] = [[union(frame, symbol(0.24, 0.24, 0.52, 0.1)), WHITE]];
writeFileSync(join(outputDir, 'outline.png'), encodePng(32, render(32, outlineLayers)));
