/**
 * The Teams app package template (assets/teams): the manifest validates offline against the JSON
 * schema shipped in @microsoft/app-manifest, and the icons are what Teams asks for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkTeamsManifest } from "../../scripts/lib/manifest-check";
import { decodePng } from "../../scripts/lib/png";

const dir = join(__dirname, "../../assets/teams");
const template = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
const xml = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
const addinId = /<Id>([^<]*)<\/Id>/.exec(xml)![1]!;

interface Extension {
  runtimes: { actions: { pinnable?: boolean }[]; code: { page: string; script?: string } }[];
  autoRunEvents: { events: { options: { sendMode: string } }[] }[];
  alternates?: unknown[];
}
const ext = (m: Record<string, unknown>) => (m.extensions as Extension[])[0]!;

test("the template is valid against the bundled schema for its manifestVersion", () => {
  expect(template.manifestVersion).toBe("1.24");
  expect(checkTeamsManifest(template)).toEqual([]);
});

test("the Outlook extension hides the XML manifest's add-in, and the ids differ", () => {
  expect(checkTeamsManifest(template, { addinId })).toEqual([]);
  expect(template.id).not.toBe(addinId);
  expect(checkTeamsManifest(template, { addinId: "00000000-0000-4000-8000-000000000000" }).join("\n")).toMatch(
    /not manifest\.xml's <Id>/,
  );
});

test("declares the breachRecorded activity type the enforcement service sends", () => {
  expect(template.activities).toEqual({
    activityTypes: [expect.objectContaining({ type: "breachRecorded", templateText: expect.any(String) })],
  });
});

test.each<[string, (m: Record<string, unknown>) => void, RegExp]>([
  ["without an accent colour", (m) => delete m.accentColor, /accentColor/],
  ["with an unknown property", (m) => (m.colour = "#fff"), /additional properties/],
  ["with a short name over 30 characters", (m) => ((m.name as { short: string }).short = "x".repeat(31)), /short/],
  [
    "with an http tab",
    (m) => ((m.staticTabs as { contentUrl: string }[])[0]!.contentUrl = "http://localhost:3000/teams.html"),
    /is not https/,
  ],
  [
    "with the tab's host missing from validDomains",
    (m) => (m.validDomains = ["elsewhere.example"]),
    /validDomains does not include localhost:3000/,
  ],
  ["without the personal tab", (m) => (m.staticTabs = []), /no personal static tab/],
  ["without the breachRecorded activity type", (m) => delete m.activities, /breachRecorded/],
  ["without the Outlook extension", (m) => delete m.extensions, /no Outlook extension/],
  ["with a read pane that does not pin", (m) => delete ext(m).runtimes[0]!.actions[0]!.pinnable, /must be pinnable/],
  [
    "with the on-send check in prompt-user mode",
    (m) => (ext(m).autoRunEvents[0]!.events[0]!.options.sendMode = "promptUser"),
    /must use softBlock/,
  ],
  ["with an unknown send mode", (m) => (ext(m).autoRunEvents[0]!.events[0]!.options.sendMode = "soft"), /schema:/],
  [
    "with the on-send runtime missing its JavaScript file",
    (m) => delete ext(m).runtimes[1]!.code.script,
    /HTML page and the JavaScript file/,
  ],
  ["without the XML alternate hidden", (m) => delete ext(m).alternates, /alternates must hide/],
  [
    "without shared mailboxes",
    (m) => ((m.authorization as { permissions: { resourceSpecific: unknown[] } }).permissions.resourceSpecific = []),
    /Mailbox\.SharedFolder/,
  ],
])("a manifest %s is refused", (_name, mutate, expected) => {
  const m = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  mutate(m);
  expect(checkTeamsManifest(m).join("\n")).toMatch(expected);
});

test("color.png is 192 × 192 and opaque", () => {
  const png = decodePng(readFileSync(join(dir, "color.png")));
  expect([png.width, png.height, png.colourType]).toEqual([192, 192, 6]);
  for (let i = 3; i < png.rgba.length; i += 4) expect(png.rgba[i]).toBe(255);
});

test("outline.png is 32 × 32, white on transparent only", () => {
  const png = decodePng(readFileSync(join(dir, "outline.png")));
  expect([png.width, png.height]).toEqual([32, 32]);
  let drawn = 0;
  let clear = 0;
  for (let i = 0; i < png.rgba.length; i += 4) {
    const alpha = png.rgba[i + 3]!;
    if (alpha === 0) clear += 1;
    else {
      drawn += 1;
      expect([png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
  }
  expect(drawn).toBeGreaterThan(50);
  expect(clear).toBeGreaterThan(400);
});

test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is %i px square", (size) => {
  const png = decodePng(readFileSync(join(__dirname, "../../assets", `icon-${size}.png`)));
  expect([png.width, png.height]).toEqual([size, size]);
});
