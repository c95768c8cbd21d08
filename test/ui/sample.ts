// The preview's sample record and mailbox, read from the repo, for component tests.
import * as fs from "fs";
import * as path from "path";
import { toLogged } from "../../src/app/record-service";
import { RecordIndex, type RecordEvent } from "../../src/domain";
import { parseMailbox, type Mailbox } from "../../src/surfaces/preview/mailbox";

const DIR = path.resolve(__dirname, "../../src/surfaces/preview/sample");

export const sampleRecordText = (): string => fs.readFileSync(path.join(DIR, "record.jsonl"), "utf8");
export const sampleEvents = (): RecordEvent[] =>
  sampleRecordText()
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RecordEvent);
export const sampleMailboxRaw = (): {
  now: string;
  messages: { id: string; expect: { personId: string | null; stage: string; breaches: string[]; notes?: string[] } }[];
} => JSON.parse(fs.readFileSync(path.join(DIR, "mailbox.json"), "utf8"));
export const sampleMailbox = (): Mailbox => parseMailbox(sampleMailboxRaw());
export const sampleIndex = (): RecordIndex => new RecordIndex(toLogged(sampleEvents()));
