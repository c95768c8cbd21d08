// The preview's sample data is a valid record (record-format §8, as `csm validate` checks it),
// and every sample message shows what mailbox.json says it should: the sender, their stage, the
// breaches and notes (so the preview demonstrates every stage and a breach).
import { execFileSync } from "child_process";
import * as path from "path";
import { parseJsonl } from "../../src/app/record-transfer";
import { checkDuties, RecordIndex, STAGES, validateLog } from "../../src/domain";
import { assess } from "../../src/ui/assess";
import { sampleIndex, sampleMailbox, sampleMailboxRaw, sampleRecordText } from "./sample";

describe("the preview's sample data", () => {
  it("is a valid record: every line passes the checks of record-format §8", () => {
    const result = validateLog(parseJsonl(sampleRecordText()));
    expect(result.errors).toEqual([]);
    expect(result.events.length).toBeGreaterThan(50);
  });

  it("keeps the separation of duties (domain/duties.ts): no self-approval, no review by the imposer or approver, no DPO who asked to share", () => {
    const { events } = validateLog(parseJsonl(sampleRecordText()));
    const refused = events.flatMap((logged, i) =>
      checkDuties(logged.event, new RecordIndex(events.slice(0, i))).map((d) => `${logged.event.id}: ${d.code}`),
    );
    expect(refused).toEqual([]);
    expect(events.some((l) => l.event.type === "StrategyReviewed")).toBe(true);
  });

  it("passes `csm validate`", () => {
    const root = path.resolve(__dirname, "../..");
    const out = execFileSync(
      process.execPath,
      [path.join(root, "bin/csm.js"), "validate", "--events", "src/surfaces/preview/sample/record.jsonl"],
      { cwd: root, encoding: "utf8" },
    );
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });

  const raw = sampleMailboxRaw();
  const mailbox = sampleMailbox();
  const index = sampleIndex();
  const now = Date.parse(raw.now);

  it.each(raw.messages.map((m) => [m.id, m.expect] as const))(
    "message %s: sender, stage, breaches and notes are as the mailbox says",
    (id, expected) => {
      const message = mailbox.messages.find((m) => m.id === id);
      if (!message) throw new Error(`no message ${id}`);
      const a = assess(index, message, mailbox.organisationDomains, now);
      expect(a.personId).toBe(expected.personId);
      expect(a.stage).toBe(expected.stage);
      expect([...a.breachKinds].sort()).toEqual([...expected.breaches].sort());
      expect(a.verdict.notes.map((n) => n.code)).toEqual(expected.notes ?? []);
    },
  );

  it("has a sender at every stage, an unknown sender, and a message that breaches a strategy", () => {
    const stages = new Set(raw.messages.filter((m) => m.expect.personId).map((m) => m.expect.stage));
    expect([...stages].sort()).toEqual([...STAGES].sort());
    expect(raw.messages.some((m) => m.expect.personId === null)).toBe(true);
    expect(raw.messages.some((m) => m.expect.breaches.length > 0)).toBe(true);
  });

  it("uses only fictional addresses (example.org/example.com people, opcc.example staff)", () => {
    const addresses = sampleRecordText().match(/[\w.+-]+@[\w.-]+/g) ?? [];
    for (const a of addresses) expect(a).toMatch(/@(example\.org|example\.com|opcc\.example|advocacy\.example\.org)$/);
  });
});
