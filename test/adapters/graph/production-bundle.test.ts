/**
 * The test token provider (and the emulator) can never reach the production bundle:
 * 1. no file reachable from a production entry point (src/surfaces/<surface>/main.ts[x]) imports
 *    anything under test/, and none contains the provider's marker string;
 * 2. when a production build exists (dist/, `npm run build`), no emitted script contains the marker.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TEST_TOKEN_PROVIDER_MARKER } from "../../support/graph-emulator";

const root = path.resolve(__dirname, "..", "..", "..");
const SPECIFIER =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function reachable(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx|js)$/.test(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (!spec || !spec.startsWith(".")) continue;
      const target = resolveLocal(file, spec);
      if (target) todo.push(target);
    }
  }
  return seen;
}

const entries = fs.existsSync(path.join(root, "src", "surfaces"))
  ? fs
      .readdirSync(path.join(root, "src", "surfaces"))
      .flatMap((s) => ["main.ts", "main.tsx"].map((f) => path.join(root, "src", "surfaces", s, f)))
      .filter((f) => fs.existsSync(f))
  : [];

describe("the test token provider is absent from production", () => {
  it("finds the production entry points and follows their imports", () => {
    expect(entries.length).toBeGreaterThan(0);
    const files = reachable(entries);
    // The walk really follows imports: the domain is reached from the entry points.
    expect([...files].some((f) => f.includes(`${path.sep}src${path.sep}domain${path.sep}`))).toBe(true);
  });

  it("no production file imports from test/ or carries the provider's marker", () => {
    const files = [...reachable(entries)];
    const fromTest = files.filter((f) => path.relative(root, f).startsWith(`test${path.sep}`));
    expect(fromTest).toEqual([]);
    const marked = files.filter((f) => fs.readFileSync(f, "utf8").includes(TEST_TOKEN_PROVIDER_MARKER));
    expect(marked).toEqual([]);
  });

  it("the walk would catch it: the provider's own file is marked and lives under test/", () => {
    const provider = path.join(root, "test", "support", "graph-emulator", "test-token-provider.ts");
    expect(fs.readFileSync(provider, "utf8")).toContain(TEST_TOKEN_PROVIDER_MARKER);
    const probe = reachable([path.join(root, "test", "adapters", "graph", "tenant.ts")]);
    expect(probe.has(provider)).toBe(true);
  });

  it("no script of a production build (dist/) contains the marker", () => {
    const dist = path.join(root, "dist");
    const scripts = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith(".js")) : [];
    const marked = scripts.filter((f) =>
      fs.readFileSync(path.join(dist, f), "utf8").includes(TEST_TOKEN_PROVIDER_MARKER),
    );
    expect(marked).toEqual([]);
  });
});
