/** `csm` through runCli (record-format §9): output shapes, exit codes, and robustness on bad input. */
import { parseJsonLines, runCli, type CliIo, type CliResult } from "../../src/cli/run";
import type { RecordEvent } from "../../src/domain";
import {
  aBreach,
  aContact,
  aLoggedContact,
  anIncident,
  aPerson,
  aRetraction,
  after,
  jsonl,
  OTHER_OFFICER,
  restrictedPerson,
  writtenOnly,
} from "../builders";

const T = "2026-10-29T09:00:00Z";
const NOW = Date.parse("2026-11-28T09:00:00Z");

/** An in-memory file system: path → content (a function to throw like fs does). */
function io(files: Record<string, string | (() => string)>, now = NOW): CliIo {
  return {
    readFile: (path) => {
      const f = files[path];
      if (f === undefined)
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
      return typeof f === "function" ? f() : f;
    },
    now: () => now,
  };
}

const run = (argv: string[], files: Record<string, string | (() => string)>, now?: number): CliResult =>
  runCli(argv, io(files, now));
const out = (r: CliResult): unknown => JSON.parse(r.stdout);

const log = (): RecordEvent[] => [
  ...restrictedPerson({ imposedAt: T, restrictions: [writtenOnly()] }),
  anIncident(
    { kind: "abusive", behaviours: ["verbal-abuse"], channel: "phone", summary: "Shouted." },
    { id: "inc-2", at: after(T, 5) },
  ),
  aLoggedContact({ contactId: "C-1" }, { at: after(T, 10) }),
  aBreach({ breachId: "B-1", restriction: "written-only", contactId: "C-1" }, { at: after(T, 11) }),
];

describe("csm validate", () => {
  it("a valid file: {ok: true, events: N} with N distinct events, exit 0", () => {
    const events = log();
    const r = run(["validate", "--events", "e.jsonl"], { "e.jsonl": jsonl([...events, events[0]]) });
    expect(r).toEqual({ exitCode: 0, stdout: `{"ok":true,"events":${events.length}}\n`, stderr: "" });
  });

  it("an invalid file: every error in line order, in the documented shape, exit 1", () => {
    const lines = [
      JSON.stringify(aPerson({}, { id: "p" })),
      "{not json",
      JSON.stringify({ ...anIncident({}, { id: "i" }), type: "IncidentLogged" }),
      JSON.stringify(anIncident({ channel: 7 as never }, { id: "j" })),
      JSON.stringify(aPerson({ name: "Other" }, { id: "p" })),
      JSON.stringify(aRetraction("nothing", { id: "r" })),
    ].join("\n");
    const r = run(["validate", "--events", "e.jsonl"], { "e.jsonl": lines });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("");
    const body = out(r) as {
      ok: boolean;
      errors: { line: number | null; id: string | null; code: string; message: string }[];
    };
    expect(Object.keys(body)).toEqual(["ok", "errors"]);
    expect(body.ok).toBe(false);
    expect(body.errors.map((e) => [e.line, e.id, e.code])).toEqual([
      [2, null, "E_SCHEMA"],
      [3, "i", "E_SCHEMA"],
      [4, "j", "E_SCHEMA"],
      [5, "p", "E_DUPLICATE_ID"],
      [6, "r", "E_UNKNOWN_EVENT"],
    ]);
    for (const e of body.errors) expect(Object.keys(e)).toEqual(["line", "id", "code", "message"]);
    expect(body.errors[1]?.message).toMatch(/^type: is "IncidentLogged"; expected one of PersonRegistered, /);
    expect(body.errors[2]?.message).toBe(
      "data.channel: is 7; expected one of email, phone, post, in-person, online, other (IncidentRecorded, policy 4.3–4.6, 6.3, 6.4)",
    );
  });

  it("an empty file is a valid, empty log", () => {
    expect(out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": "" }))).toEqual({ ok: true, events: 0 });
    expect(out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": "\n\n  \n" }))).toEqual({ ok: true, events: 0 });
  });

  it("counts blank lines, reads CRLF and a byte-order mark", () => {
    const text = `\uFEFF${JSON.stringify(aPerson())}\r\n\r\n{oops}\r\n`;
    const body = out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": text })) as { errors: { line: number }[] };
    expect(body.errors.map((e) => e.line)).toEqual([3]);
  });

  it.each([
    ["a number", "42"],
    ["a list", "[1,2]"],
    ["null", "null"],
    ["a string", '"PersonRegistered"'],
  ])("a line holding %s is E_SCHEMA", (_name, line) => {
    const body = out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": line })) as {
      errors: { line: number; code: string; message: string }[];
    };
    expect(body.errors).toEqual([
      { line: 1, id: null, code: "E_SCHEMA", message: expect.stringMatching(/^event: .*one JSON object per line/) },
    ]);
  });

  it("a 5 MB line: read whole, and a bad one reported briefly", () => {
    const big = aPerson({ name: "x".repeat(5 * 1024 * 1024) });
    expect(out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": JSON.stringify(big) }))).toEqual({
      ok: true,
      events: 1,
    });
    const broken = JSON.stringify(big).slice(0, -2);
    const r = run(["validate", "--events", "e.jsonl"], { "e.jsonl": broken });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.length).toBeLessThan(1000);
    const huge = aPerson({}, { personId: "p".repeat(5 * 1024 * 1024) });
    const r2 = run(["validate", "--events", "e.jsonl"], {
      "e.jsonl": JSON.stringify(anIncident({}, { personId: huge.personId })),
    });
    expect(r2.exitCode).toBe(1);
    expect(r2.stdout.length).toBeLessThan(1000);
  });

  it("a file of 100,000 lines: the error at its line number", () => {
    const lines: string[] = [JSON.stringify(aPerson({}, { id: "p" }))];
    for (let i = 2; i <= 100_000; i++)
      lines.push(
        JSON.stringify(
          aLoggedContact(
            { contactId: `C-${i}` },
            { id: `c${i}`, at: new Date(Date.parse(T) + i * 1000).toISOString() },
          ),
        ),
      );
    lines[99_998] = lines[99_998]!.replace('"channel":"phone"', '"channel":"telegram"');
    const body = out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": lines.join("\n") })) as {
      errors: { line: number; id: string; code: string }[];
    };
    expect(body.errors.map((e) => [e.line, e.id, e.code])).toEqual([[99_999, "c99999", "E_SCHEMA"]]);
  });

  it("a file that cannot be read exits 2 with one line on stderr", () => {
    const missing = run(["validate", "--events", "nope.jsonl"], {});
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toBe('csm: cannot read "nope.jsonl": no such file (csm --help shows usage)\n');
    const folder = run(["validate", "--events", "dir"], {
      dir: () => {
        throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
      },
    });
    expect([folder.exitCode, folder.stderr]).toEqual([
      2,
      'csm: cannot read "dir": it is a folder (csm --help shows usage)\n',
    ]);
    const locked = run(["validate", "--events", "x"], {
      x: () => {
        throw Object.assign(new Error("EACCES"), { code: "EACCES" });
      },
    });
    expect(locked.stderr).toContain("permission denied");
    const odd = run(["validate", "--events", "x"], {
      x: () => {
        throw new Error("ERR_STRING_TOO_LONG");
      },
    });
    expect([odd.exitCode, odd.stderr]).toEqual([
      2,
      'csm: cannot read "x": it cannot be read (csm --help shows usage)\n',
    ]);
  });
});

describe("usage errors exit 2 with one line on stderr", () => {
  it.each([
    [[]],
    [["frobnicate"]],
    [["validate"]],
    [["validate", "--events"]],
    [["validate", "--events", ""]],
    [["validate", "--events", "a", "--events", "b"]],
    [["validate", "--events", "e.jsonl", "extra"]],
    [["validate", "--file", "e.jsonl"]],
    [["summary", "--events", "e.jsonl"]],
    [["evaluate", "--events", "e.jsonl"]],
    [["summary", "--events", "e.jsonl", "--person", "P-1", "--now", "next tuesday"]],
    [["validate", "--events", "e.jsonl", "--now", "2026-13-01"]],
    [["evaluate", "--events", "e.jsonl", "--contact", "missing.json"]],
  ])("%j", (argv) => {
    const r = run(argv, { "e.jsonl": jsonl(log()) });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^csm: [^\n]+\n$/);
  });

  it("--help prints the usage, exit 0", () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["summary", "--help"]]) {
      const r = run(argv, {});
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain("csm validate --events FILE");
    }
  });

  it("accepts --name=value", () => {
    expect(run(["validate", "--events=e.jsonl"], { "e.jsonl": "" }).exitCode).toBe(0);
  });
});

describe("csm summary", () => {
  const files = { "e.jsonl": jsonl(log()) };

  it("gives the person's fold in the documented shape", () => {
    const r = run(["summary", "--events", "e.jsonl", "--person", "P-1", "--now", "2026-11-28T09:00:00Z"], files);
    expect(r.exitCode).toBe(0);
    const body = out(r) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "person",
      "stage",
      "adjustments",
      "incidents",
      "warnings",
      "strategies",
      "breaches",
      "contactsAwaitingReview",
    ]);
    expect(body["person"]).toEqual({
      id: "P-1",
      name: "Alex Person",
      emails: ["a.person@example.org"],
      phones: ["07700 900123"],
    });
    expect(body["stage"]).toBe("restricted");
    expect((body["incidents"] as { id: string }[]).map((i) => i.id).slice(-1)).toEqual(["inc-2"]);
    expect(body["strategies"]).toEqual([
      {
        strategyId: "S-1",
        matterRef: "CPL-2026-0042",
        active: true,
        restrictions: [{ kind: "written-only", allowed: ["email", "post"] }],
        reviewDue: "2027-01-29",
        overdue: false,
      },
    ]);
    expect(body["breaches"]).toEqual([
      {
        breachId: "B-1",
        strategyId: "S-1",
        restriction: "written-only",
        at: after(T, 11),
        acknowledged: false,
        reminderSent: false,
      },
    ]);
    expect(body["contactsAwaitingReview"]).toEqual(["C-1"]);
  });

  it("--now decides overdue; it defaults to the current time; a bare date is London midnight", () => {
    const overdue = (argv: string[], now?: number) =>
      (
        out(run(["summary", "--events", "e.jsonl", "--person", "P-1", ...argv], files, now)) as {
          strategies: { overdue: boolean }[];
        }
      ).strategies[0]?.overdue;
    expect(overdue(["--now", "2027-01-30T00:00:00Z"])).toBe(true);
    expect(overdue(["--now", "2027-01-29T23:59:59Z"])).toBe(false);
    expect(overdue([], Date.parse("2027-02-01T00:00:00Z"))).toBe(true);
    expect(overdue([], NOW)).toBe(false);
    expect(overdue(["--now", "2027-01-30"])).toBe(true);
  });

  it("an unknown person exits 1 with E_UNKNOWN_PERSON, line and id null", () => {
    const r = run(["summary", "--events", "e.jsonl", "--person", "P-404"], files);
    expect(r.exitCode).toBe(1);
    expect(out(r)).toEqual({
      ok: false,
      errors: [{ line: null, id: null, code: "E_UNKNOWN_PERSON", message: expect.stringContaining('"P-404"') }],
    });
  });

  it("invalid events are reported as by validate, exit 1", () => {
    const r = run(["summary", "--events", "e.jsonl", "--person", "P-1"], { "e.jsonl": `${jsonl(log())}{broken\n` });
    expect(r.exitCode).toBe(1);
    expect(out(r)).toEqual(out(run(["validate", "--events", "e.jsonl"], { "e.jsonl": `${jsonl(log())}{broken\n` })));
  });
});

describe("csm evaluate", () => {
  const files = (contact: unknown) => ({
    "e.jsonl": jsonl(log()),
    "c.json": typeof contact === "string" ? contact : JSON.stringify(contact),
  });

  it("a breach, in the documented shape", () => {
    const r = run(
      ["evaluate", "--events", "e.jsonl", "--contact", "c.json"],
      files(aContact({ channel: "phone", from: "+44 7700 900123", at: after(T, 60), to: [OTHER_OFFICER] })),
    );
    expect(r.exitCode).toBe(0);
    const body = out(r);
    expect(Object.keys(body as object)).toEqual(["person", "stage", "breaches", "notes"]);
    expect(body).toEqual({
      person: { id: "P-1", name: "Alex Person" },
      stage: "restricted",
      breaches: [
        {
          strategyId: "S-1",
          restriction: "written-only",
          policyRef: "9.9",
          reason: expect.stringMatching(/^Contact is agreed in writing only .*\.$/),
        },
      ],
      notes: [],
    });
  });

  it("the stage is the person's stage at the contact's at", () => {
    const body = out(
      run(["evaluate", "--events", "e.jsonl", "--contact", "c.json"], files(aContact({ at: after(T, -1) }))),
    ) as { stage: string };
    expect(body.stage).toBe("warned");
  });

  it("an unknown sender: person null, stage none, no breaches, exit 0", () => {
    const r = run(
      ["evaluate", "--events", "e.jsonl", "--contact", "c.json"],
      files(aContact({ from: "someone@example.net" })),
    );
    expect(r.exitCode).toBe(0);
    expect(out(r)).toEqual({ person: null, stage: "none", breaches: [], notes: [] });
  });

  it.each([
    ["empty", ""],
    ["not JSON", "{channel:"],
    ["a list", "[]"],
    ["missing to", JSON.stringify({ channel: "email", at: T, from: "a@b.org" })],
    ["a bad at", JSON.stringify(aContact({ at: "tomorrow" }))],
  ])("a contact file that is %s: E_SCHEMA with line and id null, exit 1", (_name, text) => {
    const r = run(["evaluate", "--events", "e.jsonl", "--contact", "c.json"], files(text));
    expect(r.exitCode).toBe(1);
    const body = out(r) as { ok: boolean; errors: { line: null; id: null; code: string }[] };
    expect(body.ok).toBe(false);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) expect([e.line, e.id, e.code]).toEqual([null, null, "E_SCHEMA"]);
  });

  it("invalid events are reported as by validate, exit 1", () => {
    const r = run(["evaluate", "--events", "e.jsonl", "--contact", "c.json"], {
      "e.jsonl": "nope\n",
      "c.json": JSON.stringify(aContact()),
    });
    expect(r.exitCode).toBe(1);
    expect(out(r)).toEqual({
      ok: false,
      errors: [{ line: 1, id: null, code: "E_SCHEMA", message: expect.stringContaining("line 1: is not valid JSON") }],
    });
  });
});

describe("parseJsonLines", () => {
  it("numbers lines as an editor does and keeps parse errors short", () => {
    const parsed = parseJsonLines(`{"a":1}\n\n[\n${"{".repeat(10)}${"x".repeat(1000)}`);
    expect(parsed.map((p) => p.line)).toEqual([1, 3, 4]);
    expect(
      parsed.every((p) => !("parseError" in p) || (p.parseError.length <= 201 && !p.parseError.includes("\n"))),
    ).toBe(true);
  });
});

describe("hostile input (issue 16): one clear error with its line, never an internal error", () => {
  const deep = (n: number): string => "[".repeat(n) + "]".repeat(n);
  const withExtra = (extra: string): string =>
    JSON.stringify(anIncident({}, { id: "deep" })).replace('"summary":', `"extra":${extra},"summary":`);

  it("validate: a line nested 5,000 deep (in an ignored field, or where text belongs) is E_SCHEMA at its line, exit 1", () => {
    const person = JSON.stringify(aPerson({}, { id: "p" }));
    const nameDeep = JSON.stringify(aPerson({}, { id: "q" })).replace('"Alex Person"', deep(5000));
    const r = run(["validate", "--events", "e.jsonl"], {
      "e.jsonl": [person, withExtra(deep(5000)), "", nameDeep].join("\n"),
    });
    expect(r.exitCode).toBe(1);
    expect(out(r)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          id: null,
          code: "E_SCHEMA",
          message: expect.stringMatching(/^line 2: is nested more than 64 levels deep/),
        },
        {
          line: 4,
          id: null,
          code: "E_SCHEMA",
          message: expect.stringMatching(/^line 4: is nested more than 64 levels deep/),
        },
      ],
    });
  });

  it("summary and evaluate report it as validate does; a deep contact file is E_SCHEMA with line null", () => {
    const files = {
      "e.jsonl": [JSON.stringify(aPerson({}, { id: "p" })), withExtra(deep(200_000))].join("\n"),
      "ok.jsonl": JSON.stringify(aPerson({}, { id: "p" })),
      "c.json": `{"channel":"email","from":${deep(5000)}}`,
    };
    const s = run(["summary", "--events", "e.jsonl", "--person", "P-1"], files);
    expect([s.exitCode, (out(s) as { errors: { line: number }[] }).errors.map((e) => e.line)]).toEqual([1, [2]]);
    const e = run(["evaluate", "--events", "ok.jsonl", "--contact", "c.json"], files);
    expect(e.exitCode).toBe(1);
    expect(out(e)).toEqual({
      ok: false,
      errors: [
        {
          line: null,
          id: null,
          code: "E_SCHEMA",
          message: expect.stringMatching(/^contact: "c.json" is nested more than 64/),
        },
      ],
    });
  });

  it("nesting within the limit in an ignored field is still ignored (record-format §1 forward compatibility)", () => {
    const r = run(["validate", "--events", "e.jsonl"], {
      "e.jsonl": [JSON.stringify(aPerson({}, { id: "p" })), withExtra(deep(20))].join("\n"),
    });
    expect(out(r)).toEqual({ ok: true, events: 2 });
  });
});
