/**
 * `node bin/csm.js` as a process (record-format §9): JSON on stdout, exit codes 0/1/2, and usage
 * errors as exactly one line on stderr, never a stack trace.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { aContact, after, jsonl, OTHER_OFFICER, restrictedPerson, writtenOnly } from "../builders";

const root = path.resolve(__dirname, "..", "..");
// Each test starts Node processes; on a busy machine that takes seconds, not milliseconds.
jest.setTimeout(60_000);
const T = "2026-10-29T09:00:00Z";
let dir = "";

function csm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "csm.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "csm-"));
  writeFileSync(
    path.join(dir, "events.jsonl"),
    jsonl(restrictedPerson({ imposedAt: T, restrictions: [writtenOnly()] })),
  );
  writeFileSync(path.join(dir, "bad.jsonl"), `${jsonl(restrictedPerson({ imposedAt: T }))}{"id": "x"\n`);
  writeFileSync(
    path.join(dir, "contact.json"),
    JSON.stringify(aContact({ channel: "phone", from: "07700 900123", to: [OTHER_OFFICER], at: after(T, 60) })),
  );
  // A line nested 5,000 deep (issue 16): was "internal error", exit 2.
  writeFileSync(
    path.join(dir, "deep.jsonl"),
    `${jsonl(restrictedPerson({ imposedAt: T }))}${JSON.stringify({ id: "d", data: { name: "[".repeat(5000) + "]".repeat(5000) } }).replace(/"(\[+\]+)"/, "$1")}\n`,
  );
  // The first run may compile the command line (bin/csm.js does so when the build is stale).
  csm("--help");
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("csm as a process", () => {
  it("validate: a line nested 5,000 deep is E_SCHEMA at its line, exit 1 (not an internal error)", () => {
    const r = csm("validate", "--events", "deep.jsonl");
    expect([r.status, r.stderr]).toEqual([1, ""]);
    const body = JSON.parse(r.stdout) as { errors: { line: number; code: string; message: string }[] };
    expect(body.errors.map((e) => [e.line, e.code])).toEqual([[6, "E_SCHEMA"]]);
    expect(body.errors[0]?.message).toMatch(/nested more than 64 levels deep/);
  });

  it("validate: exit 0 and {ok: true, events: N}", () => {
    const r = csm("validate", "--events", "events.jsonl");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, events: 5 });
  });

  it("validate of a bad file: exit 1 and the errors on stdout", () => {
    const r = csm("validate", "--events", "bad.jsonl");
    expect([r.status, r.stderr]).toEqual([1, ""]);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      errors: [{ line: 6, id: null, code: "E_SCHEMA", message: expect.stringContaining("not valid JSON") }],
    });
  });

  it("summary and evaluate: exit 0 with JSON", () => {
    const s = csm("summary", "--events", "events.jsonl", "--person", "P-1", "--now", "2026-11-01T00:00:00Z");
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).stage).toBe("restricted");
    const e = csm("evaluate", "--events", "events.jsonl", "--contact", "contact.json");
    expect(e.status).toBe(0);
    expect(JSON.parse(e.stdout).breaches.map((b: { restriction: string }) => b.restriction)).toEqual(["written-only"]);
  });

  it.each([
    [["validate", "--events", "missing.jsonl"]],
    [["validate", "--events", "."]],
    [["explode"]],
    [[]],
    [["summary", "--events", "events.jsonl"]],
    [["summary", "--events", "events.jsonl", "--person", "P-1", "--now", "soon"]],
  ])("%j exits 2 with one line on stderr and nothing on stdout", (args) => {
    const r = csm(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^csm: [^\n]+\n$/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("an unknown person: exit 1", () => {
    const r = csm("summary", "--events", "events.jsonl", "--person", "P-404");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].code).toBe("E_UNKNOWN_PERSON");
  });
});
