/** What the service's tests share: the tenant's names, waiting, and a restricted person on the shared record. */
import { RecordService } from "../../src/app/record-service";
import { restricted } from "../app/ladder-fixture";
import { CountingIds, type World } from "../app/world";
import { makeClient, sharePointStore, STAFF_A } from "../adapters/graph/tenant";
import { EMULATOR_APP } from "../../src/surfaces/service/config";

export const SHARED = "complaints@opcc.example";
export const SECRET = "a-client-state-secret-for-tests";
export const TEAMS_APP = "5b2c8f1e-0000-4000-8000-00000000c5a1";
/** The `by` the service records with in these tests (CSM_RECORDED_BY). */
export const SERVICE_BY = "csm-service@opcc.example";
/** Staff trust the service's app-only writes (TRUSTED_WRITER_APPS: the emulator token's app name). */
export const TRUST_SERVICE = [{ appId: EMULATOR_APP, by: SERVICE_BY }];

export async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Staff put a restricted person on the record (single point of contact: officer one), in the shared list. */
export async function restrictedPerson(baseUrl: string): Promise<{ personId: string; strategyId: string }> {
  const kit = makeClient(baseUrl, fetch, STAFF_A);
  const { store } = sharePointStore(kit.graph);
  const clock = { now: Date.now };
  const record = new RecordService(store, clock);
  await record.load();
  const ids = new CountingIds();
  const world = { record, clock, ids, ctx: (by = STAFF_A) => ({ record, clock, ids, by }) } as unknown as World;
  return restricted(world);
}

export async function breachesOnRecord(baseUrl: string): Promise<string[]> {
  const { store } = sharePointStore(makeClient(baseUrl, fetch, STAFF_A).graph, undefined, TRUST_SERVICE);
  return (await store.readAll()).filter((e) => e.type === "BreachRecorded").map((e) => e.id);
}
