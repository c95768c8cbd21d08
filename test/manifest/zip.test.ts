/** The app package's zip (scripts/lib/zip.js over fflate): round trip, reproducible bytes, damage refused. */
import { readZip, writeZip } from "../../scripts/lib/zip";

const entries = [
  { name: "manifest.json", data: Buffer.from(JSON.stringify({ a: "é".repeat(500) })) },
  { name: "color.png", data: Buffer.from([137, 80, 78, 71, 0, 1, 2, 3]) },
];

test("what is written reads back, names and bytes, in order", () => {
  const back = readZip(writeZip(entries));
  expect(back.map((e) => e.name)).toEqual(["manifest.json", "color.png"]);
  expect(back[0]!.data.equals(entries[0]!.data)).toBe(true);
  expect(back[1]!.data.equals(entries[1]!.data)).toBe(true);
});

test("the same entries give the same bytes (a fixed modification time)", () => {
  expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
});

test("a name given twice is refused rather than silently overwritten", () => {
  expect(() => writeZip([entries[0]!, entries[0]!])).toThrow(/manifest\.json appears twice/);
});

test("a truncated archive is refused", () => {
  const zip = writeZip(entries);
  expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow();
});
