// The Teams/Microsoft 365 app package is a plain zip. Writing and reading it is fflate's job
// (issue 11: a kept library rather than a hand-written zip). The writer pins every entry's
// modification time so the same inputs give the same bytes.
const { zipSync, unzipSync } = require("fflate");

/**
 * Writes a zip of `entries` ([{ name, data: Buffer }]). Names use forward slashes. A fixed `date`
 * (default 1 January 1980, the earliest a zip can hold) makes the output byte-for-byte reproducible.
 */
function writeZip(entries, date = new Date(1980, 0, 1)) {
  const files = {};
  for (const { name, data } of entries) {
    if (Object.prototype.hasOwnProperty.call(files, name)) throw new Error(`writeZip: ${name} appears twice`);
    files[name] = [new Uint8Array(data), { level: 9, mtime: date }];
  }
  return Buffer.from(zipSync(files));
}

/** Reads a zip: [{ name, data: Buffer }], in the archive's order. Throws on a damaged archive. */
function readZip(zip) {
  const files = unzipSync(new Uint8Array(zip));
  return Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

module.exports = { writeZip, readZip };
