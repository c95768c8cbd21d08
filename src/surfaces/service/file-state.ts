/**
 * Subscriptions and deltaLinks kept between runs of `npm run service`: a small JSON file (no
 * personal data: opaque keys, subscription ids, Graph delta links). Azure Functions keeps them in
 * the same shape in a blob or table (docs/service.md).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { KeyValueStorage } from "../../app/m365-state";

export class JsonFileState implements KeyValueStorage {
  private readonly values: Record<string, unknown>;

  constructor(private readonly file: string) {
    this.values = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  }

  get<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(this.values[key] as T | undefined);
  }

  set<T>(key: string, value: T): Promise<void> {
    if (value === undefined) delete this.values[key];
    else this.values[key] = value;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.values, null, 2));
    renameSync(tmp, this.file);
    return Promise.resolve();
  }
}
