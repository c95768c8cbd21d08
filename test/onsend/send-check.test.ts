/**
 * The on-send decision and its data: the digest built from the record, the hash it keys on, the
 * alert text, and the syntax of everything the handler bundles (ES2017 for the JavaScript-only
 * runtime of classic Outlook on Windows).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "acorn";
import ts from "typescript";
import {
  alertMessage,
  decideSend,
  digestKey,
  encodeDigest,
  ERROR_MESSAGE_MAX,
  parseDigest,
  sha256Hex,
  type SendDigest,
  type SendFinding,
} from "../../src/app/send-check";
import { buildSendDigest, digestSignature } from "../../src/app/send-digest";
import { NOW_MS, sampleRecord, STAFF } from "../ui/teams/fixture";

describe("sha256Hex", () => {
  test.each(["", "abc", "alex@example.org", "Ünïcödé ✓ 𝄞 — and a long line ".repeat(20)])(
    "matches node:crypto for %j",
    (text) => {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    },
  );

  test("digestKey normalises the address first (record-format §5)", () => {
    expect(digestKey("  Alex@Example.ORG ")).toBe(digestKey("alex@example.org"));
    expect(digestKey("alex@example.org")).not.toBe(digestKey("alex@example.com"));
    expect(digestKey("alex@example.org")).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("buildSendDigest", () => {
  let digest: SendDigest;
  beforeAll(async () => {
    const { record } = await sampleRecord();
    digest = buildSendDigest(record.index, NOW_MS);
  });

  test("holds only people whose active strategy restricts who writes to them", () => {
    // P-3 (written only) and P-4 (lifted) are not in it.
    expect(digest.people.map((p) => p.ref)).toEqual(["P-1", "P-2"]);
    expect(digest.partial).toBeUndefined();
  });

  test("holds no address of a member of the public in clear, and no adjustment detail", () => {
    const text = encodeDigest(digest);
    for (const address of ["alex@example.org", "alex.alt@example.org", "sam@example.org", "jo@advocacy.example"]) {
      expect(text.toLowerCase()).not.toContain(address);
    }
    expect(text).not.toContain("Alex Example");
    expect(text).not.toContain("mornings");
  });

  test("keeps what the alert needs", () => {
    const [alex, sam] = digest.people;
    expect(alex!.keys).toEqual([digestKey("alex@example.org"), digestKey("alex.alt@example.org")]);
    expect(alex!.strategies).toEqual([{ matter: "CPL-2026-0042", spoc: STAFF, dedicated: "casework@opcc.example" }]);
    expect(alex!.adjustments).toEqual(["large print", "easy read"]);
    expect(sam!.strategies).toEqual([
      // No advocate's name in the digest (issue 16): only the key that recognises their address.
      { matter: "CPL-2026-0050", advocate: { name: "", key: digestKey("jo@advocacy.example") } },
    ]);
    expect(sam!.adjustments).toBeUndefined();
    expect(encodeDigest(digest)).not.toContain("Jo Advocate");
  });

  test("is judged as at now: a strategy imposed later is not in it yet", async () => {
    const { record } = await sampleRecord();
    const before = buildSendDigest(record.index, Date.parse("2026-08-15T00:00:00Z"));
    // S-1 was imposed on 10 September; S-2 on 10 August; S-4 (lifted 20 August) was still active.
    expect(before.people.map((p) => p.ref)).toEqual(["P-2", "P-4"]);
  });

  test("over its size budget it keeps whom it can and says so", async () => {
    const { record } = await sampleRecord();
    const whole = encodeDigest(buildSendDigest(record.index, NOW_MS)).length;
    const small = buildSendDigest(record.index, NOW_MS, whole - 1);
    expect(small.partial).toEqual({ included: small.people.length, total: 2 });
    expect(small.people.length).toBeLessThan(2);
    expect(encodeDigest(small).length).toBeLessThan(whole);
    expect(buildSendDigest(record.index, NOW_MS, 10).people).toEqual([]);
  });

  test("is stored compactly, each staff address once, and reads back the same", () => {
    const text = encodeDigest(digest);
    expect(JSON.parse(text)).toEqual({
      v: 2,
      at: "2026-11-03T09:30:00.000Z",
      staff: [STAFF, "casework@opcc.example"],
      people: [
        ["P-1", [digestKey("alex@example.org"), digestKey("alex.alt@example.org")], [["CPL-2026-0042", 0, 1]], 3],
        ["P-2", [digestKey("sam@example.org")], [["CPL-2026-0050", -1, -1, "", digestKey("jo@advocacy.example")]]],
      ],
    });
    expect(parseDigest(text)).toEqual(digest);
    expect(parseDigest(JSON.parse(text))).toEqual(digest);
  });

  test("its signature ignores the time", () => {
    expect(digestSignature({ ...digest, at: "2030-01-01T00:00:00.000Z" })).toBe(digestSignature(digest));
  });
});

describe("parseDigest", () => {
  test.each<[string, unknown]>([
    ["nothing", undefined],
    ["a number", 3],
    ["broken JSON", "{"],
    ["another version", { v: 2, at: "x", people: [] }],
    ["a person without keys", { v: 1, at: "x", people: [{ ref: "P", strategies: [] }] }],
    ["a strategy without a matter", { v: 1, at: "x", people: [{ ref: "P", keys: [], strategies: [{ spoc: "a" }] }] }],
    [
      "an advocate without a name",
      { v: 1, at: "x", people: [{ ref: "P", keys: [], strategies: [{ matter: "M", advocate: {} }] }] },
    ],
    [
      "adjustments that are not text",
      { v: 1, at: "x", people: [{ ref: "P", keys: [], strategies: [], adjustments: [1] }] },
    ],
  ])("reads %s as no digest", (_name, raw) => {
    expect(parseDigest(raw)).toBeNull();
  });
});

describe("the alert", () => {
  const digest: SendDigest = {
    at: "2026-11-03T09:30:00.000Z",
    people: [
      {
        ref: "P-9",
        keys: [digestKey("both@example.org")],
        strategies: [{ matter: "CPL-9", spoc: "spoc@opcc.example", advocate: { name: "Ann Advocate" } }],
      },
    ],
  };

  test("one sentence when both restrictions are broken, and an advocate without email is never present", () => {
    const d = decideSend(digest, {
      from: "",
      user: "other@opcc.example",
      recipients: [{ address: "both@example.org" }],
    });
    expect(d.findings.map((f) => f.problems)).toEqual([["not-spoc", "advocate-missing"]]);
    expect(d.message).toContain(
      "both@example.org has a contact strategy for CPL-9 (policy 9.9): only the single point of contact, spoc@opcc.example, writes to them, through their advocate, Ann Advocate; this message is from other@opcc.example and does not include the advocate.",
    );
  });

  test("the SPOC sending still needs the advocate", () => {
    const d = decideSend(digest, {
      from: "",
      user: "SPOC@opcc.example",
      recipients: [{ address: "both@example.org" }],
    });
    expect(d.findings.map((f) => f.problems)).toEqual([["advocate-missing"]]);
  });

  test("never longer than Smart Alerts shows, and the choice always survives", () => {
    const long = "x".repeat(600);
    const finding: SendFinding = {
      person: { ref: "P", keys: [], strategies: [], adjustments: ["large print"] },
      recipient: { address: "a@example.org", name: long },
      strategy: { matter: "M", spoc: "s@opcc.example" },
      problems: ["not-spoc"],
    };
    const text = alertMessage([finding], "me@opcc.example")!;
    expect(text.length).toBeLessThanOrEqual(ERROR_MESSAGE_MAX);
    expect(text.endsWith("or Don't Send to change it.")).toBe(true);
  });

  test("no digest, no findings", () => {
    expect(decideSend(null, { from: "", user: "", recipients: [{ address: "both@example.org" }] })).toEqual({
      findings: [],
      message: null,
    });
  });
});

describe("what the on-send bundle is made of", () => {
  // Classic Outlook on Windows runs the handler in a JavaScript-only runtime: keep to ES2017 syntax.
  // ts-loader emits ES2022 and leaves older syntax as written, so parsing our own output at ES2017
  // catches optional chaining, ??, class fields and the like before they reach that runtime.
  test.each(["src/surfaces/onsend/main.ts", "src/surfaces/onsend/handler.ts", "src/app/send-check.ts"])(
    "%s parses as ES2017",
    (file) => {
      const source = readFileSync(join(__dirname, "../..", file), "utf8");
      const out = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      expect(() => Parser.parse(out, { ecmaVersion: 2017, sourceType: "module" })).not.toThrow();
    },
  );

  test("imports nothing but the check itself (no React, Fluent, ui, domain or packages)", () => {
    const imports = (file: string) =>
      [...readFileSync(join(__dirname, "../..", file), "utf8").matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].map(
        (m) => m[1],
      );
    expect(imports("src/surfaces/onsend/main.ts")).toEqual(["./handler"]);
    expect(imports("src/surfaces/onsend/handler.ts")).toEqual(["../../app/send-check"]);
    expect(imports("src/app/send-check.ts")).toEqual([]);
  });
});
