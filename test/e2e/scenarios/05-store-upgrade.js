/* global indexedDB */
// The local record written by the previous release (IndexedDB schema version 1: one row per event)
// is upgraded in place by this one (version 3: events packed in chunks, with each person's events
// and the identifier index for the first card's read), in the real browser:
// fake-indexeddb proves the logic in jest; this proves Chromium's IndexedDB agrees.
const fs = require("fs");
const path = require("path");

/** The event ids of a JSONL file, sorted. */
const idsIn = (file) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l).id)
    .sort();

module.exports = [
  {
    name: "a record kept by the previous version (one row per event) is upgraded and shown as it was",
    async run(t) {
      const { page, assert } = t;
      // Any page of the origin will do for writing the old database before the app opens it.
      await page.goto(`${t.baseUrl}/fixtures/training-mailbox.json`);
      const written = await page.evaluate(async () => {
        const text = await (await fetch("/fixtures/training-record.jsonl")).text();
        const events = text
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => JSON.parse(l));
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open("csm-record", 1);
          open.onupgradeneeded = () => {
            const store = open.result.createObjectStore("events", { keyPath: "id" });
            store.createIndex("personId", "personId");
            store.createIndex("seq", "seq", { unique: true });
            open.result.createObjectStore("meta");
          };
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        await new Promise((resolve, reject) => {
          const tx = db.transaction(["events", "meta"], "readwrite");
          // As the previous release wrote them: seq from 5 (a clear() used 4), one row each.
          events.forEach((event, i) =>
            tx.objectStore("events").add({ id: event.id, personId: event.personId, seq: 5 + i, event }),
          );
          tx.objectStore("meta").put({ seq: 4 + events.length }, "log");
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        return events.length;
      });
      assert.ok(written > 0, "the training record has events");

      await t.openPreview("?mailbox=/fixtures/training-mailbox.json&select=t-msg-1");
      await t.waitForMessage("t-msg-1");
      await t.expectVerdict({ stage: "concern", breaches: [], personId: "P-T1" }, "Robin, from the upgraded record");

      const after = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open("csm-record");
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(["chunks", "meta"]);
              const chunks = tx.objectStore("chunks").getAll();
              const meta = tx.objectStore("meta").get("log");
              tx.oncomplete = () => {
                resolve({
                  version: db.version,
                  stores: [...db.objectStoreNames].sort(),
                  events: chunks.result.reduce((n, c) => n + c.atMs.length, 0),
                  seq: meta.result.seq,
                });
                db.close();
              };
            };
          }),
      );
      assert.deepEqual(after, {
        version: 3,
        stores: ["chunks", "identifiers", "meta", "people"],
        events: written,
        seq: written,
      });

      // Exported, the upgraded record is the record that was written, event for event.
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: /^Export/ }).click();
      const file = await (await download).path();
      const exported = idsIn(file);
      const original = idsIn(path.join(__dirname, "../fixtures/training-record.jsonl"));
      assert.deepEqual(exported, original);
    },
  },
];
