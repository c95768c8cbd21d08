import { MemoryEventStore } from "../../../src/adapters/local/memory-store";
import { describeEventStoreContract } from "../../contract/store-contract";

// Memory does not survive a reopen: the persistence and two-instance tests are skipped.
describeEventStoreContract(
  "MemoryEventStore",
  async () => ({ store: new MemoryEventStore(), cleanup: async () => undefined }),
  { supportsReopen: false, supportsAppendMany: true },
);
