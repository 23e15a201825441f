#!/usr/bin/env node
// Writes color.png (192x192) and outline.png (32x32) for the Teams package, and the Outlook add-in's ribbon icons
// (16, 32 and 80 px, the same mark as color.png) that the API serves from /addin/icons.
// Dependency-free on purpose (node:zlib only) so CI never installs an image tool.
// The mark: two overlapping circles, a neighbourhood mother and a partner meeting.
// Run: node manifest/generate-icons.mjs   (output is deterministic; commit the PNGs)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
// rgba: Uint8Array of size*size*4, 8-bit RGBA, no interlace.
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Renders with 4x4 supersampling; shade(x, y) returns [r, g, b, a] or null for transparent.
function render(size, shade) {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (n * n)) * 255);
      }
    }
  }
  return out;
}

const inside = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

// Colour icon: warm terracotta field, cream and amber circles, white where they meet.
const terracotta = [0xc8, 0x55, 0x3d, 1];
const cream = [0xff, 0xf1, 0xde, 1];
const amber = [0xf2, 0xa6, 0x5a, 1];
const white = [0xff, 0xff, 0xff, 1];
// The colour mark at any size: drawn on the 192 px grid, scaled.
const colorMark = (size) => render(size, (px, py) => {
  const x = (px * 192) / size, y = (py * 192) / size;
  const left = inside(x, y, 74, 96, 46);
  const right = inside(x, y, 118, 96, 46);
  if (left && right) return white;
  if (left) return cream;
  if (right) return amber;
  return terracotta;
});
const color = colorMark(192);

// Outline icon: Teams requires white on transparent only, so antialiasing is alpha-only.
const ring = (x, y, cx, cy, r, w) => inside(x, y, cx, cy, r) && !inside(x, y, cx, cy, r - w);
const outline = render(32, (x, y) =>
  ring(x, y, 12, 16, 9, 2) || ring(x, y, 20, 16, 9, 2) ? white : null);

writeFileSync(join(here, 'color.png'), png(192, color));
writeFileSync(join(here, 'outline.png'), png(32, outline));
const addinIcons = join(here, '..', 'src', 'PartnerHub.Api', 'wwwroot', 'addin', 'icons');
mkdirSync(addinIcons, { recursive: true });
for (const size of [16, 32, 80]) writeFileSync(join(addinIcons, `icon-${size}.png`), png(size, colorMark(size)));
console.log('wrote manifest/color.png, manifest/outline.png and src/PartnerHub.Api/wwwroot/addin/icons/icon-{16,32,80}.png');
