#!/usr/bin/env node
// Draws the app icon (build/icons/512x512.png and 256x256.png) without an image library:
// a dark rounded tile with three candlesticks, red up and green down as on Chinese
// exchanges. The PNGs are committed; rerun this only to change the design.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (width*height*4) → PNG file bytes. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];

/** The design on a 512 grid, scaled to `size`. */
function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 512;
  const put = (x, y, [r, g, b, a]) => {
    const i = (y * size + x) * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = a;
  };
  const rect = (x0, y0, x1, y1, color) => {
    for (let y = Math.round(y0 * s); y < Math.round(y1 * s); y++) for (let x = Math.round(x0 * s); x < Math.round(x1 * s); x++) put(x, y, color);
  };
  // Rounded tile: inside the rounded rectangle (margin 16, radius 96) is the background.
  const bg = hex('#1e1e1e');
  const m = 16 * s;
  const r = 96 * s;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, m + r), size - m - r);
      const cy = Math.min(Math.max(y + 0.5, m + r), size - m - r);
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r && x + 0.5 >= m && y + 0.5 >= m && x + 0.5 <= size - m && y + 0.5 <= size - m) put(x, y, bg);
    }
  }
  const red = hex('#e5484d');
  const green = hex('#30a46c');
  const candles = [
    { x: 112, wick: [150, 390], body: [200, 340], color: green },
    { x: 232, wick: [110, 360], body: [150, 300], color: red },
    { x: 352, wick: [80, 300], body: [110, 250], color: red },
  ];
  for (const c of candles) {
    rect(c.x + 30, c.wick[0], c.x + 42, c.wick[1], c.color);
    rect(c.x, c.body[0], c.x + 72, c.body[1], c.color);
  }
  rect(96, 420, 416, 432, hex('#8b949e')); // baseline
  return px;
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const size of [512, 256]) {
  const file = path.join(OUT_DIR, `${size}x${size}.png`);
  fs.writeFileSync(file, encodePng(size, size, draw(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
