/**
 * The on-send decision and its data: the digest built from the record, the hash it keys on, the
 * alert text, and the syntax of everything the handler bundles (ES2017 for the JavaScript-only
 * runtime of classic Outlook on Windows).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
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
  hmacSha256Hex,
  keyedDigestKey,
  parseDigest,
  secretId,
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

/** The organisation's send-check secret in these tests. */
const SECRET = "a1".repeat(32);
const key = (address: string): string => keyedDigestKey(SECRET, address)!;

describe("HMAC-SHA256 and the keyed digest key", () => {
  test.each([
    [0, ""],
    [16, "alex@example.org"],
    [32, "csm-send-digest:sam@example.org"],
    [64, "x".repeat(200)],
    [100, "Ünïcödé ✓ 𝄞"],
  ])("matches node:crypto with a %i-byte key over %j", (length, text) => {
    const k = randomBytes(length);
    expect(hmacSha256Hex([...k], text)).toBe(createHmac("sha256", k).update(text, "utf8").digest("hex"));
  });

  test("is the first 64 bits of HMAC under the secret over the normalised address", () => {
    const expected = createHmac("sha256", Buffer.from(SECRET, "hex"))
      .update("csm-send-digest:alex@example.org", "utf8")
      .digest("hex")
      .slice(0, 16);
    expect(key("  Alex@Example.ORG ")).toBe(expected);
    expect(keyedDigestKey("b2".repeat(32), "alex@example.org")).not.toBe(expected);
  });

  test("a secret that is not 32 bytes of hex keys nothing", () => {
    expect(keyedDigestKey("a1".repeat(31), "alex@example.org")).toBeNull();
    expect(keyedDigestKey("A1".repeat(32), "alex@example.org")).toBeNull();
    expect(secretId("not a secret")).toBeNull();
    expect(secretId(SECRET)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("buildSendDigest", () => {
  let digest: SendDigest;
  beforeAll(async () => {
    const { record } = await sampleRecord();
    digest = buildSendDigest(record.index, NOW_MS, SECRET);
  });

  test("refuses a malformed secret rather than write an unkeyed digest", async () => {
    const { record } = await sampleRecord();
    expect(() => buildSendDigest(record.index, NOW_MS, "short")).toThrow(/64 hexadecimal digits/);
  });

  test("the old dictionary attack finds nobody: no key is the unkeyed hash of a real address", () => {
    const text = encodeDigest(digest);
    for (const address of ["alex@example.org", "alex.alt@example.org", "sam@example.org", "jo@advocacy.example"]) {
      expect(text).not.toContain(digestKey(address));
      expect(text).not.toContain(sha256Hex("csm-send-digest:" + address).slice(0, 16));
    }
    // Keyed under another secret, the same addresses give other keys: the secret is what matters.
    const other = "c3".repeat(32);
    expect(text).not.toContain(keyedDigestKey(other, "alex@example.org")!);
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
    expect(alex!.keys).toEqual([key("alex@example.org"), key("alex.alt@example.org")]);
    expect(alex!.strategies).toEqual([{ matter: "CPL-2026-0042", spoc: STAFF, dedicated: "casework@opcc.example" }]);
    expect(alex!.adjustments).toEqual(["large print", "easy read"]);
    expect(sam!.strategies).toEqual([
      // No advocate's name in the digest (issue 16): only the key that recognises their address.
      { matter: "CPL-2026-0050", advocate: { name: "", key: key("jo@advocacy.example") } },
    ]);
    expect(sam!.adjustments).toBeUndefined();
    expect(encodeDigest(digest)).not.toContain("Jo Advocate");
  });

  test("is judged as at now: a strategy imposed later is not in it yet", async () => {
    const { record } = await sampleRecord();
    const before = buildSendDigest(record.index, Date.parse("2026-08-15T00:00:00Z"), SECRET);
    // S-1 was imposed on 10 September; S-2 on 10 August; S-4 (lifted 20 August) was still active.
    expect(before.people.map((p) => p.ref)).toEqual(["P-2", "P-4"]);
  });

  test("over its size budget it keeps whom it can and says so", async () => {
    const { record } = await sampleRecord();
    const whole = encodeDigest(buildSendDigest(record.index, NOW_MS, SECRET)).length;
    const small = buildSendDigest(record.index, NOW_MS, SECRET, whole - 1);
    expect(small.partial).toEqual({ included: small.people.length, total: 2 });
    expect(small.people.length).toBeLessThan(2);
    expect(encodeDigest(small).length).toBeLessThan(whole);
    expect(buildSendDigest(record.index, NOW_MS, SECRET, 10).people).toEqual([]);
  });

  test("is stored compactly, each staff address once, and reads back the same", () => {
    const text = encodeDigest(digest);
    expect(JSON.parse(text)).toEqual({
      v: 3,
      kid: secretId(SECRET),
      at: "2026-11-03T09:30:00.000Z",
      staff: [STAFF, "casework@opcc.example"],
      people: [
        ["P-1", [key("alex@example.org"), key("alex.alt@example.org")], [["CPL-2026-0042", 0, 1]], 3],
        ["P-2", [key("sam@example.org")], [["CPL-2026-0050", -1, -1, "", key("jo@advocacy.example")]]],
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
    ["another version", { v: 99, at: "x", staff: [], people: [] }],
    ["version 3 without the secret's id", { v: 3, at: "x", staff: [], people: [] }],
    ["version 3 with a malformed secret id", { v: 3, kid: "XYZ", at: "x", staff: [], people: [] }],
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

describe("a keyed digest is read only with its own secret", () => {
  let text = "";
  beforeAll(async () => {
    const { record } = await sampleRecord();
    text = encodeDigest(buildSendDigest(record.index, NOW_MS, SECRET));
  });
  const toAlex = { from: "", user: "officer.two@opcc.example", recipients: [{ address: "Alex@Example.org" }] };

  test("with the secret it was written with, the person is found", () => {
    expect(decideSend(parseDigest(text), toAlex, SECRET).findings.map((f) => f.person.ref)).toEqual(["P-1"]);
  });

  test.each<[string, string | null]>([
    ["no secret", null],
    ["another secret", "d4".repeat(32)],
    ["a malformed secret", "zz"],
  ])("with %s, nothing is found and the message goes", (_name, secret) => {
    expect(decideSend(parseDigest(text), toAlex, secret)).toEqual({ findings: [], message: null });
  });

  test("a version 2 digest written before (unkeyed) is still read until it is replaced", () => {
    const legacy = JSON.stringify({
      v: 2,
      at: "2026-11-03T09:30:00.000Z",
      staff: [STAFF],
      people: [["P-1", [digestKey("alex@example.org")], [["CPL-2026-0042", 0, -1]]]],
    });
    const d = parseDigest(legacy)!;
    expect(d.kid).toBeUndefined();
    expect(decideSend(d, toAlex, null).findings.map((f) => f.person.ref)).toEqual(["P-1"]);
    // Written again, it stays version 2: only the product's builder writes version 3, with a secret.
    expect(JSON.parse(encodeDigest(d)).v).toBe(2);
  });
});

describe("the alert (on a version 2 digest: the wording does not depend on the keys)", () => {
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
