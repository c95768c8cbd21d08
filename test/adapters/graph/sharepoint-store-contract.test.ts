/**
 * The one store contract suite (test/contract/store-contract.ts), run against:
 * 1. the SharePoint store over the Graph emulator on loopback HTTP: `reopen` is a second client
 *    with its own replica (the same member of staff on another device, or a reload), over the same
 *    SharePoint list. The contract's events are by officer one, so they sign in as officer one: an
 *    event another member of staff wrote in their name would be quarantined (issue 12 Deliver 4);
 *    test/adapters/graph/tamper.test.ts covers that;
 * 2. the outbox-backed store the taskpane uses (replica + durable outbox, delivering to the
 *    SharePoint store in the background). Two instances of it on one device settle a race when the
 *    outbox delivers (the list's unique EventId), not when staff append, so the two-instance tests
 *    are covered by the no-loss proof instead (test/app/m365-no-loss.test.ts).
 */
import { Outbox } from "../../../src/app/outbox";
import { SharedRecordStore } from "../../../src/app/shared-record";
import { SyncEngine } from "../../../src/app/sync";
import { SharePointRemoteLog } from "../../../src/adapters/graph/sharepoint-store";
import { MemorySyncStorage } from "../../../src/adapters/local/outbox-memory";
import { describeEventStoreContract } from "../../contract/store-contract";
import { startGraphEmulator } from "../../support/graph-emulator";
import { makeClient, recordList, seedTenant, setUpLists, sharePointStore, STAFF_A } from "./tenant";

describeEventStoreContract(
  "SharePointEventStore over the Graph emulator (loopback HTTP)",
  async () => {
    const emu = await startGraphEmulator();
    seedTenant(emu.emulator);
    await setUpLists(makeClient(emu.baseUrl, fetch).graph);
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch).graph);
    return {
      store,
      reopen: async () => sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_A).graph).store,
      cleanup: () => emu.close(),
    };
  },
  { supportsClear: false },
);

describeEventStoreContract(
  "SharedRecordStore (replica + durable outbox → SharePoint) over the Graph emulator",
  async () => {
    const emu = await startGraphEmulator();
    seedTenant(emu.emulator);
    await setUpLists(makeClient(emu.baseUrl, fetch).graph);
    const kit = makeClient(emu.baseUrl, fetch);
    const storage = new MemorySyncStorage();
    const remote = sharePointStore(kit.graph).store;
    const sync = new SyncEngine(new SharePointRemoteLog(recordList(kit.graph)), storage);
    const outbox = await Outbox.open(storage, remote, { clock: kit.clock, sleep: kit.clock.sleep });
    const store = new SharedRecordStore(sync, outbox);
    return {
      store,
      cleanup: async () => {
        await outbox.drain();
        await emu.close();
      },
    };
  },
  { supportsClear: false, supportsReopen: false },
);
