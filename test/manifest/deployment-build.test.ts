/**
 * What `npm run package` ships (issue 16, Deliver 7): its build (ADDIN_ORIGIN set) has no source
 * maps unless SOURCE_MAPS=1, no preview page and no sample data; settings.json is never cached.
 * The webpack configuration is read, not run (a build takes minutes on a small machine).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Config = {
  devtool: string | false;
  entry: Record<string, unknown>;
  plugins: { constructor: { name: string }; patterns?: { from: string }[]; userOptions?: { filename?: string } }[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as (env: object, options: object) => Promise<Config>;

async function configWith(env: Record<string, string | undefined>): Promise<Config> {
  const saved = { ADDIN_ORIGIN: process.env["ADDIN_ORIGIN"], SOURCE_MAPS: process.env["SOURCE_MAPS"] };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await webpackConfig({ WEBPACK_BUILD: true }, { mode: "production" });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const copied = (c: Config): string[] =>
  c.plugins.flatMap((p) => (p.constructor.name === "CopyPlugin" ? (p.patterns ?? []).map((x) => x.from) : []));
const pages = (c: Config): string[] =>
  c.plugins.flatMap((p) => (p.constructor.name === "HtmlWebpackPlugin" ? [p.userOptions?.filename ?? ""] : []));

describe("the deployment build", () => {
  it("ships no source maps, no preview page and no sample data", async () => {
    const c = await configWith({ ADDIN_ORIGIN: "https://csm.example.gov.uk", SOURCE_MAPS: undefined });
    expect(c.devtool).toBe(false);
    expect(Object.keys(c.entry)).not.toContain("preview");
    expect(Object.keys(c.entry)).toEqual(expect.arrayContaining(["taskpane", "onsend", "teams"]));
    expect(pages(c)).not.toContain("index.html");
    expect(copied(c)).not.toContain("src/surfaces/preview/sample");
  });

  it("source maps only when asked for (SOURCE_MAPS=1); npm run build and the browser tests keep everything", async () => {
    expect((await configWith({ ADDIN_ORIGIN: "https://csm.example.gov.uk", SOURCE_MAPS: "1" })).devtool).toBe(
      "source-map",
    );
    const plain = await configWith({ ADDIN_ORIGIN: undefined, SOURCE_MAPS: undefined });
    expect(plain.devtool).toBe("source-map");
    expect(Object.keys(plain.entry)).toContain("preview");
    expect(copied(plain)).toContain("src/surfaces/preview/sample");
  });

  it("settings.json is served with no-cache (a changed setting reaches every client at once)", () => {
    const config = JSON.parse(readFileSync(join(__dirname, "../../staticwebapp.config.json"), "utf8")) as {
      routes: { route: string; headers?: Record<string, string> }[];
    };
    expect(config.routes.find((r) => r.route === "/settings.json")?.headers?.["Cache-Control"]).toMatch(/no-cache/);
  });
});
