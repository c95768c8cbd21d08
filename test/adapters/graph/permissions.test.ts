/**
 * Least privilege, checked against the emulator's permission table (which follows Microsoft's
 * documented least-privileged delegated permissions, m365-reference §4): each feature works with
 * exactly the scopes docs/permissions.md lists for it, and fails with 403 without them.
 * Whether a real tenant agrees is listed in docs/permissions.md as not verifiable here.
 */
import { featureScopes, InteractionRequiredError } from "../../../src/app/auth";
import { RECORD_LIST } from "../../../src/adapters/graph/sharepoint";
import { GraphMailbox } from "../../../src/adapters/graph/mailbox";
import { GraphTeams } from "../../../src/adapters/graph/teams";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { recordBuilder } from "../../contract/builders";
import { makeClient, recordSite, seedTenant, sharePointStore, STAFF_A } from "./tenant";

let emu: RunningEmulator;
const S = featureScopes("Sites.Selected");

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
});

afterEach(async () => {
  await emu.close();
});

const only = (...scopes: (readonly string[])[]) =>
  makeClient(emu.baseUrl, fetch, STAFF_A, { consented: scopes.flat() });

describe("each feature works with exactly its documented scopes", () => {
  it("setup (Sites.Selected with the manage role) and the record (Sites.Selected with write)", async () => {
    const admin = only(S.setup);
    expect((await recordSite(admin.graph).setUp(RECORD_LIST)).ok).toBe(true);
    const site = [...emu.emulator.sites.values()][0]!;
    site.grant = "write"; // after setup, the site grant can drop to write
    const { store } = sharePointStore(only(S.record).graph);
    await expect(store.append(recordBuilder().person())).resolves.toBe("appended");
    await expect(
      recordSite(only(S.record).graph).setUp({ ...RECORD_LIST, displayName: "Another list" }),
    ).rejects.toMatchObject({ status: 403 });
    site.grant = "read";
    await expect(
      sharePointStore(only(S.record).graph).store.append(recordBuilder().person({ id: "e9" })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("mail rules and master categories with MailboxSettings.ReadWrite; folder and message categories need Mail.ReadWrite", async () => {
    const settingsOnly = new GraphMailbox(only(S.mailboxSettings).graph, { settings: S.mailboxSettings, mail: S.mail });
    await expect(settingsOnly.listRules()).resolves.toEqual([]);
    await expect(settingsOnly.create("Contact strategy breach", "preset0")).resolves.toBeUndefined();
    const noMail = new GraphMailbox(
      makeClient(emu.baseUrl, fetch, STAFF_A, { consented: ["MailboxSettings.ReadWrite", "Mail.Read"] }).graph,
      { settings: S.mailboxSettings, mail: ["Mail.Read"] },
    );
    await expect(noMail.ensureReviewFolder("Contact strategy review")).rejects.toMatchObject({ status: 403 });
    const withMail = new GraphMailbox(only(S.mail).graph, { settings: S.mailboxSettings, mail: S.mail });
    await expect(withMail.ensureReviewFolder("Contact strategy review")).resolves.toEqual(expect.any(String));
  });

  it("Teams: User.Read, User.Read.All (manager), Chat.Create and ChatMessage.Send; Chat.Read only to look back", async () => {
    const kit = only(S.profile, S.manager, S.teams);
    const teams = new GraphTeams(kit.graph, S);
    const me = await teams.me();
    const manager = await teams.manager();
    const chat = await teams.openChat(me, manager!);
    await expect(teams.sendCard(chat, "card-1", { type: "AdaptiveCard", version: "1.4", body: [] })).resolves.toEqual(
      expect.any(String),
    );
    const err = await teams.hasCard(chat, "card-1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InteractionRequiredError); // Chat.Read not consented: sign-in would ask for it
    expect((err as InteractionRequiredError).scopes).toEqual(["Chat.Read"]);
    const withRead = new GraphTeams(only(S.profile, S.teamsRecovery).graph, S);
    await expect(withRead.hasCard(chat, "card-1")).resolves.toBe(true);
  });

  it("/me/manager is refused with only User.Read (it needs User.Read.All, admin consent)", async () => {
    const kit = makeClient(emu.baseUrl, fetch, STAFF_A, { consented: ["User.Read"] });
    await expect(kit.graph.get("/me/manager", ["User.Read"])).rejects.toMatchObject({
      status: 403,
      code: "accessDenied",
    });
  });
});
