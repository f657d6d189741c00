// `node scripts/make-icons.mjs`: draws the app icon (a comet on indigo) with plain pixel math and writes
// public/icons/{icon-192,icon-512,icon-maskable-512}.png and icon.svg. No image library: the PNG encoder
// is a few chunks around node:zlib. The outputs are committed; run this again only to change the design.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG_TOP = [92, 104, 224]; // #5c68e0
const BG_BOTTOM = [66, 76, 196]; // #424cc4
const HEAD = { x: 0.65, y: 0.35, r: 0.105 };
const TAIL = { dx: -Math.SQRT1_2, dy: Math.SQRT1_2, length: 0.62 }; // towards the lower left
const STARS = [
  [0.27, 0.27, 0.014],
  [0.78, 0.7, 0.011],
  [0.36, 0.16, 0.008],
];

const clamp = (v) => Math.min(1, Math.max(0, v));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Colour [r,g,b] and alpha (0..1) at (x,y) in the unit square; `px` is one pixel; `scale` shrinks the art. */
function shade(x, y, px, { maskable, scale }) {
  const radius = maskable ? 0 : 0.22; // rounded square, or full bleed for the maskable icon
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  const alpha = maskable ? 1 : clamp((radius - Math.hypot(qx, qy)) / px + 0.5);
  let rgb = mix(BG_TOP, BG_BOTTOM, y);
  // Art coordinates: the same drawing, scaled about the centre (the maskable safe zone is 80%).
  const u = (x - 0.5) / scale + 0.5;
  const v = (y - 0.5) / scale + 0.5;
  const apx = px / scale;
  for (const [sx, sy, sr] of STARS)
    rgb = mix(rgb, [255, 255, 255], 0.8 * clamp((sr - Math.hypot(u - sx, v - sy)) / apx + 0.5));
  // Tail: along the axis t (0 at the head), across it s; width and brightness taper to nothing.
  const ox = u - HEAD.x;
  const oy = v - HEAD.y;
  const t = ox * TAIL.dx + oy * TAIL.dy;
  const s = Math.abs(ox * TAIL.dy - oy * TAIL.dx);
  if (t > 0 && t < TAIL.length) {
    const left = 1 - t / TAIL.length;
    const width = HEAD.r * (0.15 + 0.85 * left);
    const glow = Math.exp(-1.5 * (s / width) ** 4) * left ** 1.2;
    rgb = mix(rgb, [225, 235, 255], 0.95 * glow);
  }
  const d = Math.hypot(ox, oy);
  rgb = mix(rgb, [255, 236, 190], 0.45 * Math.exp(-(((d - HEAD.r) / (HEAD.r * 0.45)) ** 2)) * (d > HEAD.r ? 1 : 0));
  const disc = clamp((HEAD.r - d) / apx + 0.5);
  const core = mix([255, 214, 120], [255, 255, 250], clamp(1 - d / HEAD.r) ** 0.7);
  rgb = mix(rgb, core, disc);
  return [...rgb.map((c) => Math.round(c)), Math.round(alpha * 255)];
}

/** A PNG file (RGBA, 8 bit) of `size`² pixels drawn by `shade`. */
function png(size, options) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1); // each row starts with filter type 0 (none)
    for (let x = 0; x < size; x++) {
      raw.set(shade((x + 0.5) / size, (y + 0.5) / size, 1 / size, options), row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** One PNG chunk: length, type, data, CRC of type + data. */
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** The same design as a scalable favicon. */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5c68e0"/><stop offset="1" stop-color="#424cc4"/></linearGradient>
    <linearGradient id="tail" x1="41.6" y1="22.4" x2="13.5" y2="50.5" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#e1ebff" stop-opacity="0.9"/><stop offset="1" stop-color="#e1ebff" stop-opacity="0"/></linearGradient>
    <radialGradient id="head"><stop offset="0" stop-color="#fffffa"/><stop offset="1" stop-color="#ffd678"/></radialGradient>
  </defs>
  <rect width="64" height="64" rx="14" fill="url(#bg)"/>
  <circle cx="17.3" cy="17.3" r="0.9" fill="#fff" opacity="0.8"/><circle cx="49.9" cy="44.8" r="0.7" fill="#fff" opacity="0.8"/><circle cx="23" cy="10.2" r="0.5" fill="#fff" opacity="0.8"/>
  <path d="M36.9 17.7 L46.4 27.2 L14.2 51.2 L12.8 49.8 Z" fill="url(#tail)"/>
  <circle cx="41.6" cy="22.4" r="6.7" fill="url(#head)"/>
</svg>
`;

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', png(192, { maskable: false, scale: 1 }));
writeFileSync('public/icons/icon-512.png', png(512, { maskable: false, scale: 1 }));
writeFileSync('public/icons/icon-maskable-512.png', png(512, { maskable: true, scale: 0.8 }));
writeFileSync('public/icons/icon.svg', svg);
process.stdout.write('Wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png and icon.svg\n');
