#!/usr/bin/env node
// Draws the product's icons without any network or image tool: a white speech bubble crossed by a
// bar ("contact, restricted") on the product blue. Writes
//   assets/icon-{16,32,64,80,128}.png    add-in icons (manifest.xml)
//   assets/teams/color.png   192 × 192   Teams app colour icon
//   assets/teams/outline.png  32 × 32    Teams outline icon: white on transparent only
// Run: node scripts/make-icons.js   (the PNGs are committed; rerun only to change the design)
const fs = require("node:fs");
const path = require("node:path");
const { encodePng } = require("./lib/png");

const BLUE = [0x1b, 0x4f, 0x72]; // product blue (also the Teams accentColor); white on it is 8.9:1
const WHITE = [0xff, 0xff, 0xff];

// Shapes in the unit square (x right, y down).
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (p, q, r) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const d1 = s([x, y], [ax, ay], [bx, by]);
  const d2 = s([x, y], [bx, by], [cx, cy]);
  const d3 = s([x, y], [cx, cy], [ax, ay]);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
const bubble = (x, y, inset = 0) =>
  roundedRect(x, y, 0.18 + inset, 0.2 + inset, 0.82 - inset, 0.66 - inset, Math.max(0.11 - inset, 0.01)) ||
  triangle(x, y, [0.3 + inset, 0.6], [0.47 - inset, 0.6], [0.26 + inset * 0.6, 0.82 - inset * 1.6]);
const bar = (x, y) => x >= 0.32 && x <= 0.68 && y >= 0.39 && y <= 0.48;

/** Colour icon: blue tile (rounded unless `square`), white bubble, blue bar. */
function colourAt(x, y, square) {
  if (bar(x, y)) return [...BLUE, 1];
  if (bubble(x, y)) return [...WHITE, 1];
  if (square || roundedRect(x, y, 0, 0, 1, 1, 0.18)) return [...BLUE, 1];
  return [0, 0, 0, 0];
}

/** Outline icon: the bubble's outline and the bar, white; everything else transparent. */
function outlineAt(x, y) {
  const stroke = 0.075;
  if (bar(x, y) || (bubble(x, y) && !bubble(x, y, stroke))) return [...WHITE, 1];
  return [0, 0, 0, 0];
}

/** Renders with 8 × 8 supersampling (clean edges at 16 px), premultiplied averaging. */
function render(size, at) {
  const n = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = at((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return rgba;
}

function write(file, size, at) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodePng(size, size, render(size, at)));
  process.stdout.write(`${path.relative(process.cwd(), file)}  ${size}×${size}\n`);
}

const root = path.resolve(__dirname, "..");
for (const size of [16, 32, 64, 80, 128])
  write(path.join(root, "assets", `icon-${size}.png`), size, (x, y) => colourAt(x, y, false));
write(path.join(root, "assets", "teams", "color.png"), 192, (x, y) => colourAt(x, y, true));
write(path.join(root, "assets", "teams", "outline.png"), 32, outlineAt);
