/**
 * The sample register shipped for the preview (issue 13 item 1, "a newcomer can import the sample
 * spreadsheet"): src/surfaces/preview/sample/register.csv and register.xlsx, written by
 * scripts/make-register.js. Against the preview's sample record on the sample's "today", both
 * files give the same dry run: rows 2–7 import (five new people, none already on the record),
 * rows 8–10 are refused each with the reason the script says, and the whole batch is one the
 * record accepts (record-format §8).
 */
import { readFileSync } from "fs";
import * as path from "path";
import { parseJsonl } from "../../src/app/record-transfer";
import { dryRunImport, guessMapping, parseRegister, type DryRun } from "../../src/app/register-import";
import { decideAppendMany, validateLog } from "../../src/domain";

const SAMPLE = path.resolve(__dirname, "../../src/surfaces/preview/sample");
const NOW = Date.parse(JSON.parse(readFileSync(path.join(SAMPLE, "mailbox.json"), "utf8")).now as string);
const ADMIN = "preview.admin@opcc.example";
const existing = validateLog(parseJsonl(readFileSync(path.join(SAMPLE, "record.jsonl"), "utf8"))).events;

async function dryRunOf(file: string): Promise<DryRun> {
  const sheet = await parseRegister(file, new Uint8Array(readFileSync(path.join(SAMPLE, file))));
  return dryRunImport({ sheet, mapping: guessMapping(sheet.headers), existing, by: ADMIN, nowMs: NOW });
}

describe.each(["register.xlsx", "register.csv"])("the sample register %s", (file) => {
  let dry: DryRun;
  beforeAll(async () => {
    dry = await dryRunOf(file);
  });

  it("maps every column but Notes from its header", async () => {
    const sheet = await parseRegister(file, new Uint8Array(readFileSync(path.join(SAMPLE, file))));
    const mapping = guessMapping(sheet.headers);
    expect(sheet.headers.filter((_, i) => mapping[i] === null)).toEqual(["Notes"]);
  });

  it("plans rows 2–7 (five new people, one of them on two matters) and refuses rows 8–10 with their reasons", () => {
    expect(dry.planned.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(dry.counts).toEqual({ people: 5, warnings: 5, strategies: 3, reviews: 1 });
    expect(dry.planned.find((p) => p.row === 6)?.newPerson).toBe(false);
    const reasons = Object.fromEntries(dry.refused.map((r) => [r.row, `${r.name}: ${r.reasons.join(" ")}`]));
    expect(Object.keys(reasons)).toEqual(["8", "9", "10"]);
    expect(reasons[8]).toMatch(/^Harper Quinn: The next review \(01\/02\/2027\) is more than three months .*9\.12/);
    expect(reasons[9]).toMatch(/^Sasha Brent: A strategy relates to one matter \(policy 9\.8\)/);
    expect(reasons[10]).toMatch(/^Jamie Collier: There is no email address or phone number/);
    for (const r of dry.refused) expect(r.reasons).toHaveLength(1);
  });

  it("is accepted by the record as one batch, every event saying the file and row it came from", () => {
    const decision = decideAppendMany(existing, dry.events);
    expect(decision.kind).toBe("append");
    if (decision.kind === "append") expect(decision.logged).toHaveLength(dry.events.length);
    for (const p of dry.planned)
      for (const e of p.events) expect((e.data as { importedFrom?: string }).importedFrom).toBe(`${file} row ${p.row}`);
  });
});

it("the sample's people are not already in the preview's record or mailbox", () => {
  const csv = readFileSync(path.join(SAMPLE, "register.csv"), "utf8").toLowerCase();
  const onRecord = new Set(
    existing.flatMap(({ event }) =>
      event.type === "PersonRegistered" || event.type === "IdentifiersLinked"
        ? [...(event.data.emails ?? []), ...(event.data.phones ?? [])].map((v) => v.toLowerCase())
        : [],
    ),
  );
  const mailbox = readFileSync(path.join(SAMPLE, "mailbox.json"), "utf8").toLowerCase();
  for (const id of onRecord) expect(csv).not.toContain(id);
  for (const address of csv.match(/[a-z0-9.]+@example\.org/g) ?? []) expect(mailbox).not.toContain(address);
});
