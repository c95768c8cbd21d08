// The preview's deferred store: calls made before the real store has opened wait for it and go to
// it; a store without the optional bulk methods is served by append/readAll; an open that fails
// fails every call with its error.
import { MemoryEventStore } from "../../../src/adapters/local";
import type { EventStore } from "../../../src/app/ports";
import { deferredStore } from "../../../src/surfaces/preview/deferred-store";
import { recordBuilder } from "../../contract/builders";

describe("deferredStore", () => {
  it("serves calls made before the store opened, once it has", async () => {
    const real = new MemoryEventStore();
    let open!: (s: EventStore) => void;
    const store = deferredStore(new Promise<EventStore>((resolve) => (open = resolve)));
    const b = recordBuilder();
    const events = [b.person(), b.incident()];
    const appended = store.appendMany(events);
    open(real);
    await expect(appended).resolves.toEqual(["appended", "appended"]);
    expect((await store.readAllLogged()).map((l) => l.event.id)).toEqual(["e1", "e2"]);
    expect(await real.readAll()).toHaveLength(2);
  });

  it("falls back to append and readAll for a store without appendMany or readAllLogged", async () => {
    const real = new MemoryEventStore();
    const plain: EventStore = {
      append: (e) => real.append(e),
      readAll: () => real.readAll(),
      readPerson: (p) => real.readPerson(p),
    };
    const store = deferredStore(Promise.resolve(plain));
    const b = recordBuilder();
    const p = b.person();
    await expect(store.appendMany([p, b.incident(), p])).resolves.toEqual(["appended", "appended", "duplicate"]);
    expect((await store.readAllLogged()).map((l) => l.event.id)).toEqual(["e1", "e2"]);
    await expect(store.clear()).rejects.toThrow("cannot be cleared");
  });

  it("fails every call with the error the open failed with", async () => {
    const store = deferredStore(Promise.reject(new Error("no storage")));
    await expect(store.readAll()).rejects.toThrow("no storage");
    await expect(store.readAllLogged()).rejects.toThrow("no storage");
  });
});
