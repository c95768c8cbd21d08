/**
 * What the preview host does besides showing the taskpane: load the sample (or a training
 * record and mailbox from ?record=URL&mailbox=URL&select=ID&now=ISO), reset it, import and export
 * the record. No React here, so it can be tested directly.
 */
import type { EventStore } from "../../app/ports";
import type { RecordService } from "../../app/record-service";
import { importRecord, toJsonl, type ImportResult } from "../../app/record-transfer";
import type { OffsetClock } from "../../app/random-ids";
import { parseMailbox, type Mailbox } from "./mailbox";
import type { MailboxHost } from "./mailbox-host";

export const SAMPLE_RECORD_URL = "sample/record.jsonl";
export const SAMPLE_MAILBOX_URL = "sample/mailbox.json";
/** The sample register a newcomer imports (issue 13 item 1; written by scripts/make-register.js). */
export const SAMPLE_REGISTER_URLS = { xlsx: "sample/register.xlsx", csv: "sample/register.csv" } as const;

export interface PreviewParams {
  readonly record?: string;
  readonly mailbox?: string;
  readonly select?: string;
  readonly now?: string;
}

export function readParams(search: string): PreviewParams {
  const q = new URLSearchParams(search);
  const pick = (k: string) => {
    const v = q.get(k);
    return v === null || v.trim() === "" ? {} : { [k]: v.trim() };
  };
  return { ...pick("record"), ...pick("mailbox"), ...pick("select"), ...pick("now") };
}

export type Fetcher = (url: string) => Promise<string>;

/** Fetches text from the page's own origin only (issue 3 item 5: "from the same origin"). */
export function sameOriginFetcher(base: string): Fetcher {
  return async (url: string) => {
    const target = new URL(url, base);
    if (target.origin !== new URL(base).origin)
      throw new Error(`${url} is not on this site; the preview loads files from its own origin only.`);
    const res = await fetch(target.href, { cache: "no-store" });
    if (!res.ok) throw new Error(`${url} could not be loaded (HTTP ${res.status}).`);
    return res.text();
  };
}

/** A file's bytes from the page's own origin only (the sample register). */
export async function sameOriginBytes(base: string, url: string): Promise<ArrayBuffer> {
  const target = new URL(url, base);
  if (target.origin !== new URL(base).origin)
    throw new Error(`${url} is not on this site; the preview loads files from its own origin only.`);
  const res = await fetch(target.href, { cache: "no-store" });
  if (!res.ok) throw new Error(`${url} could not be loaded (HTTP ${res.status}).`);
  return res.arrayBuffer();
}

/**
 * A fetcher that can start a request early (while the store opens) and hand its result to the
 * first later call for the same URL; later calls fetch afresh.
 */
export function prefetching(fetcher: Fetcher): Fetcher & { prefetch(url: string): void } {
  const early = new Map<string, Promise<string>>();
  const fetchText = (url: string) => {
    const p = early.get(url);
    early.delete(url);
    return p ?? fetcher(url);
  };
  return Object.assign(fetchText, {
    prefetch(url: string) {
      const p = fetcher(url);
      p.catch(() => undefined); // reported when it is used
      early.set(url, p);
    },
  });
}

export interface BootResult {
  /** Plain-English problems to show; the preview still runs with what it could load. */
  readonly problems: readonly string[];
  readonly importErrors: ImportResult | null;
}

export class PreviewController {
  constructor(
    private readonly store: EventStore,
    private readonly record: RecordService,
    private readonly mail: MailboxHost,
    private readonly clock: OffsetClock,
    private readonly fetchText: Fetcher,
  ) {}

  private async loadMailbox(url: string): Promise<Mailbox> {
    const text = await this.fetchText(url);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`${url} is not valid JSON.`);
    }
    return parseMailbox(raw);
  }

  private useMailbox(mailbox: Mailbox, nowParam?: string): void {
    this.clock.startAt(nowParam ?? mailbox.now ?? null);
    this.mail.setMailbox(mailbox);
  }

  /**
   * Loads the mailbox and the record. Without a `?record=`, the cold start reads first only what
   * the selected message's card needs (RecordService.loadFirst, issue 10 item 1), then waits for
   * `shown` (the composition root resolves it once that card is on screen) before reading the
   * whole record, so the full read never holds up the first card. Resolves when everything is in.
   */
  async boot(params: PreviewParams, shown: () => Promise<void> = async () => undefined): Promise<BootResult> {
    const problems: string[] = [];
    let importErrors: ImportResult | null = null;
    // The mailbox file and the record load side by side; the taskpane needs both.
    const mailbox = this.loadMailbox(params.mailbox ?? SAMPLE_MAILBOX_URL).then(
      (m) => this.useMailbox(m, params.now),
      (err: unknown) => {
        problems.push(`The mailbox could not be loaded: ${message(err)}`);
      },
    );
    const select = () => {
      if (params.select) this.mail.select(params.select);
    };
    try {
      if (!params.record) {
        await mailbox;
        select();
        const sender = this.mail.currentMessage()?.from.address.trim();
        const { empty } = await this.record.loadFirst(sender ? [sender] : []);
        mark("csm:record-first");
        if (empty) {
          // First run (an empty store): the sample record.
          await importRecord(this.store, await this.fetchText(SAMPLE_RECORD_URL), { replace: true });
        } else {
          await shown();
        }
      } else {
        // A training record replaces what this browser holds (it is checked first; a bad file changes nothing).
        const result = await importRecord(this.store, await this.fetchText(params.record), { replace: true });
        if (!result.ok) {
          importErrors = result;
          problems.push(`The record at ${params.record} was not loaded because it is not valid.`);
        }
      }
    } catch (err) {
      problems.push(`The record could not be loaded: ${message(err)}`);
    }
    mark("csm:record-stored");
    await mailbox;
    mark("csm:mailbox-loaded");
    try {
      if (this.record.getSnapshot().version === 0 || params.record || this.record.index.events.length === 0)
        await this.record.load();
    } catch (err) {
      problems.push(`The record could not be read: ${message(err)}`);
    }
    mark("csm:record-loaded");
    if (params.select) {
      select();
      if (this.mail.selected !== params.select) problems.push(`There is no message "${params.select}" in the mailbox.`);
    }
    return { problems, importErrors };
  }

  /** "Reset sample data": the sample record and mailbox back, everything recorded here gone. */
  async resetSample(): Promise<ImportResult> {
    const [recordText, mailbox] = await Promise.all([
      this.fetchText(SAMPLE_RECORD_URL),
      this.loadMailbox(SAMPLE_MAILBOX_URL),
    ]);
    const result = await importRecord(this.store, recordText, { replace: true });
    this.useMailbox(mailbox);
    await this.record.load();
    return result;
  }

  /** Adds the events of a JSONL file to the record; nothing is written unless the whole file passes. */
  async importFile(text: string): Promise<ImportResult> {
    const result = await importRecord(this.store, text);
    if (result.ok) await this.record.load();
    return result;
  }

  async exportJsonl(): Promise<string> {
    return toJsonl(await this.store.readAll());
  }
}

/** Performance marks for the bench (Chromium's User Timing; harmless elsewhere). */
function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
