/**
 * manifest.xml, offline: well-formed, the required elements in schema order, every resource id
 * resolves, every URL https under the development origin, the read pane pins, and the on-send
 * launch event names both the HTML page and the classic-Windows JavaScript file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { checkAddinManifest } from "../../scripts/lib/manifest-check";

const xml = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");
const byType = (type: string) => [...doc.getElementsByTagName("*")].filter((e) => e.getAttribute("xsi:type") === type);
const resource = (id: string) =>
  [...doc.getElementsByTagName("bt:Url")].find((e) => e.getAttribute("id") === id)?.getAttribute("DefaultValue");

test("the development manifest passes every offline check", () => {
  expect(checkAddinManifest(xml)).toEqual([]);
});

test("the on-send check: OnMessageSend, SoftBlock, the HTML page and the JavaScript file", () => {
  const event = [...doc.getElementsByTagName("LaunchEvent")].find((e) => e.getAttribute("Type") === "OnMessageSend")!;
  expect(event.getAttribute("FunctionName")).toBe("onMessageSendHandler");
  expect(event.getAttribute("SendMode")).toBe("SoftBlock");
  const runtime = doc.getElementsByTagName("Runtime")[0]!;
  expect(resource(runtime.getAttribute("resid")!)).toBe("https://localhost:3000/commands.html");
  expect(resource(runtime.getElementsByTagName("Override")[0]!.getAttribute("resid")!)).toBe(
    "https://localhost:3000/launchevent.js",
  );
});

test("the read-mode button opens the taskpane, pinnable in the 1.1 overrides", () => {
  const [v10, v11] = byType("MessageReadCommandSurface");
  expect(v10!.getElementsByTagName("SupportsPinning")).toHaveLength(0);
  expect(v11!.getElementsByTagName("SupportsPinning")[0]!.textContent).toBe("true");
  expect(resource("Taskpane.Url")).toBe("https://localhost:3000/taskpane.html");
});

test("the add-in loads in shared folders and shared mailboxes", () => {
  const v11Form = byType("VersionOverridesV1_1")[0]!.getElementsByTagName("DesktopFormFactor")[0]!;
  expect(v11Form.firstElementChild!.localName).toBe("SupportsSharedFolders");
  expect(v11Form.firstElementChild!.textContent).toBe("true");
  const without = xml.replace("<SupportsSharedFolders>true</SupportsSharedFolders>", "");
  expect(checkAddinManifest(without).join("\n")).toMatch(/SupportsSharedFolders/);
});

test("asks for no more than read/write item", () => {
  expect(doc.getElementsByTagName("Permissions")[0]!.textContent).toBe("ReadWriteItem");
});

describe("the checker finds what is wrong", () => {
  test.each<[string, (x: string) => string, RegExp]>([
    ["a broken document", (x) => x.replace("</OfficeApp>", ""), /not well-formed/],
    [
      "a resource id that resolves to nothing",
      (x) => x.replace('<bt:Image size="80" resid="Icon.80"/>', '<bt:Image size="80" resid="Icon.800"/>'),
      /resid "Icon.800", which is not defined/,
    ],
    [
      "a label that names an image",
      (x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Icon.16"/>'),
      /should be a ShortString/,
    ],
    [
      "a resource id over 32 characters",
      (x) => x.replaceAll("Taskpane.Url", "Taskpane.Url.With.A.Very.Long.Name.X"),
      /longer than 32 characters/,
    ],
    [
      "a duplicate resource id",
      (x) => x.replace('<bt:Url id="Commands.Url"', '<bt:Url id="Taskpane.Url"'),
      /defined twice/,
    ],
    [
      "an http URL",
      (x) => x.replace("https://localhost:3000/commands.html", "http://localhost:3000/commands.html"),
      /is not https/,
    ],
    ["a missing SupportsPinning", (x) => x.replace("<SupportsPinning>true</SupportsPinning>", ""), /SupportsPinning/],
    ["no JavaScript override", (x) => x.replace(/<Override[^>]*\/>/, ""), /Override type="javascript"/],
    [
      "a launch event source that is not the runtime page",
      (x) => x.replace('<SourceLocation resid="OnSendPage.Url"/>', '<SourceLocation resid="Taskpane.Url"/>'),
      /SourceLocation must be the Runtime's resid/,
    ],
    ["Block instead of SoftBlock", (x) => x.replace('SendMode="SoftBlock"', 'SendMode="Block"'), /SoftBlock/],
    [
      "elements out of schema order",
      (x) => x.replace(/(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, "$3$2$1"),
      /comes after/,
    ],
    [
      "no Requirements",
      (x) => x.replace(/<Requirements>\s*<Sets>[\s\S]*?<\/Sets>\s*<\/Requirements>/, ""),
      /missing <Requirements>/,
    ],
    [
      "an icon of the wrong size",
      (x) => x.replaceAll("icon-80.png", "icon-64-as-80.png"),
      /not one of the add-in icons|missing from assets/,
    ],
  ])("%s", (_name, mutate, expected) => {
    const mutated = mutate(xml);
    expect(mutated).not.toBe(xml);
    expect(checkAddinManifest(mutated).join("\n")).toMatch(expected);
  });
});
