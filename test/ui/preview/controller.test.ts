// The preview host's controller: first run loads the sample; ?record/?mailbox/?select load a
// training scenario; a bad file (by URL or import) changes nothing already recorded; reset
// brings the sample back; export is the record in log order.
import { IndexedDbEventStore, MemoryEventStore } from "../../../src/adapters/local";
import { freshFactory } from "../../adapters/local/fake-idb";
import type { EventStore } from "../../../src/app/ports";
import { OffsetClock } from "../../../src/app/random-ids";
import { RecordService } from "../../../src/app/record-service";
import {
  PreviewController,
  prefetching,
  readParams,
  sameOriginBytes,
  sameOriginFetcher,
  SAMPLE_MAILBOX_URL,
  SAMPLE_RECORD_URL,
} from "../../../src/surfaces/preview/controller";
import { MailboxHost } from "../../../src/surfaces/preview/mailbox-host";
import { sampleMailboxRaw, sampleRecordText } from "../sample";

const robin = (id = "r-1") =>
  JSON.stringify({
    id,
    type: "PersonRegistered",
    personId: "P-R",
    at: "2026-10-01T09:00:00Z",
    by: "t@opcc.example",
    data: { name: "Robin", emails: ["robin@example.org"], phones: [] },
  });
const trainingMailbox = JSON.stringify({
  organisationDomains: ["opcc.example"],
  now: "2026-11-02T12:00:00Z",
  messages: [
    {
      id: "t1",
      from: { name: "Robin", address: "robin@example.org" },
      to: [{ name: "C", address: "c@opcc.example" }],
      subject: "Hi",
      receivedAt: "2026-11-02T09:00:00Z",
      body: "",
    },
  ],
});

function setup(files: Record<string, string> = {}, store: EventStore = new MemoryEventStore()) {
  const all: Record<string, string> = {
    [SAMPLE_RECORD_URL]: sampleRecordText(),
    [SAMPLE_MAILBOX_URL]: JSON.stringify(sampleMailboxRaw()),
    ...files,
  };
  const fetched: string[] = [];
  const fetchText = async (url: string) => {
    fetched.push(url);
    const text = all[url];
    if (text === undefined) throw new Error(`${url} could not be loaded (HTTP 404).`);
    return text;
  };
  const clock = new OffsetClock({ now: () => Date.parse("2030-01-01T00:00:00Z") });
  const record = new RecordService(store, clock);
  const host = new MailboxHost({ organisationDomains: [], messages: [] });
  return {
    store,
    clock,
    record,
    host,
    fetched,
    controller: new PreviewController(store, record, host, clock, fetchText),
  };
}

describe("PreviewController", () => {
  it("first run: loads the sample record and mailbox, starts the clock at the sample's today", async () => {
    const s = setup();
    const result = await s.controller.boot({});
    expect(result.problems).toEqual([]);
    expect(s.record.index.events.length).toBe(sampleRecordText().trim().split("\n").length);
    expect(s.host.messages.length).toBe(sampleMailboxRaw().messages.length);
    expect(new Date(s.clock.now()).toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });

  it("a later run keeps what the store holds (no sample re-import)", async () => {
    const s = setup();
    await s.store.append(JSON.parse(robin()));
    await s.controller.boot({});
    expect(s.record.index.events.map((l) => l.event.id)).toEqual(["r-1"]);
    expect(s.fetched).not.toContain(SAMPLE_RECORD_URL);
  });

  it("a later run with a selected message shows its sender's first read, and reads the whole record only once the card is shown", async () => {
    const store = await IndexedDbEventStore.open({ name: "boot", indexedDB: freshFactory() });
    try {
      const s = setup({ "/t/mailbox.json": trainingMailbox }, store);
      await s.store.append(JSON.parse(robin()));
      let show = () => {};
      const shown = new Promise<void>((resolve) => (show = resolve));
      const boot = s.controller.boot({ mailbox: "/t/mailbox.json", select: "t1" }, () => shown);
      await new Promise<void>((resolve) => s.record.subscribe(resolve));
      const first = s.record.getSnapshot().first;
      expect(first?.covers("robin@example.org")).toBe(true);
      expect(first?.index.identify({ from: "robin@example.org" }).personId).toBe("P-R");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(s.record.getSnapshot().version).toBe(0); // not before the card is shown
      show();
      await expect(boot).resolves.toMatchObject({ problems: [] });
      expect(s.record.getSnapshot()).toMatchObject({ version: 1, first: null });
      expect(s.record.index.events.map((l) => l.event.id)).toEqual(["r-1"]);
      expect(s.fetched).not.toContain(SAMPLE_RECORD_URL);
    } finally {
      store.close();
    }
  });

  it("?record, ?mailbox, ?select and ?now load a training scenario", async () => {
    const s = setup({ "/t/record.jsonl": robin() + "\n", "/t/mailbox.json": trainingMailbox });
    await s.controller.boot({});
    const result = await s.controller.boot({
      record: "/t/record.jsonl",
      mailbox: "/t/mailbox.json",
      select: "t1",
      now: "2026-11-03T08:00:00Z",
    });
    expect(result.problems).toEqual([]);
    expect(s.record.index.events.map((l) => l.event.id)).toEqual(["r-1"]); // replaced, not added
    expect(s.host.currentMessage()?.id).toBe("t1");
    expect(new Date(s.clock.now()).toISOString()).toBe("2026-11-03T08:00:00.000Z");
  });

  it("a bad ?record is reported with its lines and the record already held stays", async () => {
    const s = setup({ "/bad.jsonl": `${robin()}\nnot json\n` });
    await s.controller.boot({});
    const before = s.record.index.events.length;
    const result = await s.controller.boot({ record: "/bad.jsonl" });
    expect(result.problems.join(" ")).toMatch(/not valid/);
    expect(result.importErrors).toMatchObject({ ok: false, errors: [{ line: 2, code: "E_SCHEMA" }] });
    expect(s.record.index.events.length).toBe(before);
  });

  it("names a missing mailbox or message plainly and still runs", async () => {
    const s = setup();
    const result = await s.controller.boot({ mailbox: "/nope.json", select: "nothing" });
    expect(result.problems).toEqual([
      expect.stringMatching(/mailbox could not be loaded.*404/),
      'There is no message "nothing" in the mailbox.',
    ]);
    expect(s.record.index.events.length).toBeGreaterThan(0);
  });

  it("import: a bad file changes nothing; a good one adds; a clash with the record is refused", async () => {
    const s = setup();
    await s.controller.boot({});
    const before = s.record.index.events.length;
    const bad = await s.controller.importFile(`${robin()}\n{"id":"x"}\n`);
    expect(bad.ok).toBe(false);
    expect(s.record.index.events.length).toBe(before);
    const clash = await s.controller.importFile(
      JSON.stringify({ ...JSON.parse(sampleRecordText().split("\n")[0] ?? "{}"), by: "someone.else@opcc.example" }),
    );
    expect(clash).toMatchObject({ ok: false, errors: [{ line: 1, code: "E_DUPLICATE_ID" }] });
    const good = await s.controller.importFile(`${robin()}\n${sampleRecordText().split("\n")[0]}\n`);
    expect(good).toEqual({ ok: true, added: 1, alreadyThere: 1 });
    expect(s.record.index.events.length).toBe(before + 1);
    expect(await s.controller.importFile("\n\n")).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/no events/) }],
    });
  });

  it("export is the record in log order and imports back to the same record", async () => {
    const s = setup();
    await s.controller.boot({});
    const text = await s.controller.exportJsonl();
    const ats = text
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { at: string }).at);
    expect([...ats].sort()).toEqual(ats);
    const t = setup({ "/x.jsonl": text });
    await t.controller.boot({ record: "/x.jsonl" });
    expect(t.record.index.events.map((l) => l.event.id)).toEqual(s.record.index.events.map((l) => l.event.id));
  });

  it("reset puts the sample back and drops what was added", async () => {
    const s = setup({ "/t/record.jsonl": robin() + "\n" });
    await s.controller.boot({ record: "/t/record.jsonl" });
    await s.controller.resetSample();
    expect(s.record.index.isRegistered("P-R")).toBe(false);
    expect(s.record.index.isRegistered("P-1004")).toBe(true);
  });
});

describe("preview URL handling", () => {
  it("reads record, mailbox, select and now; ignores empty values", () => {
    expect(readParams("?record=/a.jsonl&mailbox=%2Fb.json&select=m1&now=2026-11-01T00:00:00Z&x=1")).toEqual({
      record: "/a.jsonl",
      mailbox: "/b.json",
      select: "m1",
      now: "2026-11-01T00:00:00Z",
    });
    expect(readParams("?record=&select=%20")).toEqual({});
  });

  it("fetches from the page's own origin only", async () => {
    const fetcher = sameOriginFetcher("http://127.0.0.1:3000/index.html");
    await expect(fetcher("http://evil.example/record.jsonl")).rejects.toThrow(/not on this site/);
    await expect(fetcher("//evil.example/record.jsonl")).rejects.toThrow(/not on this site/);
  });

  it("the sample register's bytes come from the page's own origin only", async () => {
    const base = "http://127.0.0.1:3000/index.html";
    await expect(sameOriginBytes(base, "http://evil.example/register.xlsx")).rejects.toThrow(/not on this site/);
    await expect(sameOriginBytes(base, "//evil.example/register.xlsx")).rejects.toThrow(/not on this site/);
  });

  it("a prefetched file is used once, then fetched afresh", async () => {
    let n = 0;
    const f = prefetching(async (url) => `${url}#${++n}`);
    f.prefetch("/m.json");
    expect(await f("/m.json")).toBe("/m.json#1");
    expect(await f("/m.json")).toBe("/m.json#2");
  });
});
