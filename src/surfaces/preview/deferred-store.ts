/**
 * An EventStore that is usable before the real one has opened: every call waits for it. The
 * preview renders its page while IndexedDB opens and reads the log (that read is mostly done off
 * the main thread), instead of rendering only after it (issue 3 item 8: the sender card within
 * 300 ms). The real stores (IndexedDB, memory) both have every optional method; should one lack
 * `appendMany` or `readAllLogged`, the call falls back to `append` or `readAll`.
 */
import type { AppendOutcome, EventStore } from "../../app/ports";
import { toLogged } from "../../app/record-service";

export function deferredStore(opening: Promise<EventStore>): Required<EventStore> {
  opening.catch(() => undefined); // reported by whoever uses it
  return {
    append: async (event) => (await opening).append(event),
    readAll: async () => (await opening).readAll(),
    readPerson: async (personId) => (await opening).readPerson(personId),
    clear: async () => {
      const store = await opening;
      if (!store.clear) throw new Error("This store cannot be cleared.");
      return store.clear();
    },
    appendMany: async (events) => {
      const store = await opening;
      if (store.appendMany) return store.appendMany(events);
      const outcomes: AppendOutcome[] = [];
      for (const e of events) outcomes.push(await store.append(e));
      return outcomes;
    },
    readAllLogged: async () => {
      const store = await opening;
      return store.readAllLogged ? store.readAllLogged() : toLogged(await store.readAll());
    },
  };
}
