/**
 * The appeals log on this device (issue 13 Deliver 2; app/appeals.ts): in memory for tests and the
 * preview, or over a KeyValueStorage (IndexedDB: IdbSyncStorage) so that appeals recorded in the
 * embedded mode survive a reload. Never localStorage: an appeal holds personal data.
 */
import {
  AppealConflictError,
  parseAppealEntry,
  sameEntry,
  type AppealEntry,
  type AppealStore,
} from "../../app/appeals";
import type { KeyValueStorage } from "../../app/m365-state";

export class MemoryAppealStore implements AppealStore {
  protected entries: AppealEntry[] = [];

  append(entry: AppealEntry): Promise<"appended" | "duplicate"> {
    const existing = this.entries.find((e) => e.id === entry.id);
    if (existing) {
      if (sameEntry(existing, entry)) return Promise.resolve("duplicate");
      return Promise.reject(new AppealConflictError(entry.id));
    }
    this.entries.push(entry);
    return Promise.resolve("appended");
  }

  readPerson(personId: string): Promise<AppealEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.personId === personId));
  }

  /** Every entry (for the preview's sample data and tests). */
  all(): readonly AppealEntry[] {
    return this.entries;
  }
}

/** Persistent: every entry under one key. Appeals are few (a handful per person, ever). */
export class KeyValueAppealStore implements AppealStore {
  static readonly KEY = "appeals.entries";
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: KeyValueStorage) {}

  private async load(): Promise<AppealEntry[]> {
    const raw = (await this.storage.get<unknown[]>(KeyValueAppealStore.KEY)) ?? [];
    return raw.map(parseAppealEntry).filter((e): e is AppealEntry => e !== null);
  }

  append(entry: AppealEntry): Promise<"appended" | "duplicate"> {
    // Appends are serialised so that two at once cannot overwrite each other's read-modify-write.
    const run = this.queue.then(async () => {
      const entries = await this.load();
      const existing = entries.find((e) => e.id === entry.id);
      if (existing) {
        if (sameEntry(existing, entry)) return "duplicate" as const;
        throw new AppealConflictError(entry.id);
      }
      await this.storage.set(KeyValueAppealStore.KEY, [...entries, entry]);
      return "appended" as const;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async readPerson(personId: string): Promise<AppealEntry[]> {
    await this.queue;
    return (await this.load()).filter((e) => e.personId === personId);
  }
}
