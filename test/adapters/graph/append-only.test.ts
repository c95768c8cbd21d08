/**
 * Append-only, enforced by SharePoint (issue 12 Deliver 3 and 6), against the emulator's SharePoint
 * REST: setup makes the "add and read" permission level, gives the record list its own permissions
 * and leaves the staff group with that level only; the verify check reads the list's role
 * assignments; afterwards a member of staff can add items through Graph but not edit or delete them.
 */
import { APPEND_ONLY_LEVEL, combine, has, makeAppendOnly, verifyAppendOnly } from "../../../src/app/append-only";
import { RECORD_LIST } from "../../../src/adapters/graph/sharepoint";
import { eventToFields } from "../../../src/adapters/graph/sharepoint-store";
import {
  SharePointRestError,
  SharePointRestPermissions,
  sharePointAdminScope,
  sharePointSiteUrl,
} from "../../../src/adapters/graph/sharepoint-rest";
import { GraphRequestError } from "../../../src/adapters/graph/graph-client";
import { startGraphEmulator, type RunningEmulator } from "../../support/graph-emulator";
import { TestTokenProvider } from "../../support/graph-emulator/test-token-provider";
import { makeAppToken } from "../../support/graph-emulator/tokens";
import { recordBuilder } from "../../contract/builders";
import { CASEWORK, makeClient, seedTenant, setUpLists, sharePointStore, SITE_REF, STAFF_A, STAFF_B } from "./tenant";

let emu: RunningEmulator;
const ADMIN = CASEWORK; // a site owner who runs setup
const STAFF_GROUP = "casework Members";
const target = { listTitle: RECORD_LIST.displayName, staffGroup: STAFF_GROUP };

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
  const siteId = [...emu.emulator.sites.keys()][0]!;
  emu.emulator.addToSiteGroup(siteId, "casework Owners", ADMIN);
  emu.emulator.addToSiteGroup(siteId, STAFF_GROUP, STAFF_A);
  emu.emulator.addToSiteGroup(siteId, STAFF_GROUP, STAFF_B);
});

afterEach(async () => {
  await emu.close();
});

const rest = (upn = ADMIN, scopes = [sharePointAdminScope(SITE_REF)]) =>
  new SharePointRestPermissions(
    sharePointSiteUrl(SITE_REF, emu.baseUrl),
    new TestTokenProvider(upn, scopes),
    scopes,
    fetch,
  );

const site = () => [...emu.emulator.sites.values()][0]!;
const list = () => [...site().lists.values()].find((l) => l.displayName === RECORD_LIST.displayName)!;

describe("the add-and-read permission level", () => {
  it("has add and read, never edit or delete", () => {
    const p = APPEND_ONLY_LEVEL.permissions;
    expect(has(p, "AddListItems") && has(p, "ViewListItems") && has(p, "Open")).toBe(true);
    expect(has(p, "EditListItems")).toBe(false);
    expect(has(p, "DeleteListItems")).toBe(false);
    expect(has(p, "DeleteVersions")).toBe(false);
    expect(has(p, "ManagePermissions")).toBe(false);
    expect(combine("EditListItems", "UseRemoteAPIs")).toEqual({ high: 0x20, low: 0x4 });
  });
});

describe("append-only setup through SharePoint REST", () => {
  it("before setup the check says the list inherits the site's permissions and staff can edit and delete", async () => {
    const check = await verifyAppendOnly(rest(), target);
    expect(check).toMatchObject({ ok: false, staffCanAdd: true, staffCanEdit: true, staffCanDelete: true });
    expect(check.lines).toEqual(
      expect.arrayContaining([
        `The list "${RECORD_LIST.displayName}" inherits the site's permissions, so whoever may edit the site may edit or delete the record.`,
        `"${STAFF_GROUP}" can edit items of the list (the record must be append-only).`,
        `"${STAFF_GROUP}" can delete items of the list (the record must be append-only).`,
      ]),
    );
  });

  it("setup makes the level, breaks inheritance, leaves staff add-and-read only; staff then cannot edit or delete through Graph", async () => {
    const b = recordBuilder();
    const { store } = sharePointStore(makeClient(emu.baseUrl, fetch, STAFF_A).graph);
    await store.append(b.person({ at: 0 }));
    const check = await makeAppendOnly(rest(), target);
    expect(check).toMatchObject({ ok: true, staffCanAdd: true, staffCanEdit: false, staffCanDelete: false });
    expect(check.lines).toEqual([
      `"${STAFF_GROUP}" can add and read items of the list, and cannot edit or delete them.`,
      "Can still edit or delete items: casework Owners. Keep this to the site's owners; what they change is caught by sync and shown under Needs attention.",
    ]);
    const level = site().sp.roleDefs.find((d) => d.name === APPEND_ONLY_LEVEL.name)!;
    expect({ high: level.high, low: level.low }).toEqual(APPEND_ONLY_LEVEL.permissions);
    expect(site().sp.listAssignments.get(list().id)?.get(5)).toEqual([level.id]);

    // Staff still append (Graph POST), and cannot change or delete what is there.
    await expect(store.append(b.incident({ at: 1 }))).resolves.toBe("appended");
    const { graph } = makeClient(emu.baseUrl, fetch, STAFF_B);
    const items = `/sites/${site().id}/lists/${list().id}/items`;
    await expect(graph.patch(`${items}/1/fields`, ["Sites.Selected"], { By: STAFF_B })).rejects.toMatchObject({
      status: 403,
    });
    await expect(graph.delete(`${items}/1`, ["Sites.Selected"])).rejects.toBeInstanceOf(GraphRequestError);
    expect(list().items.get("1")?.fields["By"]).toBe(STAFF_A);
    // The site's owners still can (caught by sync's tamper evidence instead).
    await makeClient(emu.baseUrl, fetch, ADMIN).graph.patch(`${items}/1/fields`, ["Sites.Selected"], {
      Title: "e1",
    });
  });

  it("running setup again changes nothing, and a level someone widened is put back", async () => {
    await makeAppendOnly(rest(), target);
    const level = site().sp.roleDefs.find((d) => d.name === APPEND_ONLY_LEVEL.name)!;
    level.low = (level.low | 0x4 | 0x8) >>> 0; // someone gave the level edit and delete
    expect((await verifyAppendOnly(rest(), target)).ok).toBe(false);
    const again = await makeAppendOnly(rest(), target);
    expect(again.ok).toBe(true);
    expect(site().sp.roleDefs.filter((d) => d.name === APPEND_ONLY_LEVEL.name)).toHaveLength(1);
    expect(site().sp.listAssignments.get(list().id)?.get(5)).toEqual([level.id]);
  });

  it("a staff group given Contribute on the list again is reported", async () => {
    await makeAppendOnly(rest(), target);
    site().sp.listAssignments.get(list().id)!.set(5, [1073741827]);
    const check = await verifyAppendOnly(rest(), target);
    expect(check).toMatchObject({ ok: false, staffCanEdit: true, staffCanDelete: true });
  });

  it("an unknown group is named, and nothing is changed", async () => {
    const check = await makeAppendOnly(rest(), { ...target, staffGroup: "Casework Staf" });
    expect(check.lines).toEqual([
      'The site has no SharePoint group "Casework Staf": enter the group the casework staff are in.',
    ]);
    expect(site().sp.listAssignments.size).toBe(0);
  });

  it("someone who is not a site owner cannot do it (403), and without the SharePoint scope neither", async () => {
    await expect(makeAppendOnly(rest(STAFF_A), target)).rejects.toMatchObject({ status: 403 });
    await expect(makeAppendOnly(rest(ADMIN, ["Sites.Selected"]), target)).rejects.toBeInstanceOf(SharePointRestError);
    expect(site().sp.listAssignments.size).toBe(0);
  });

  it("the enforcement service's app-only writes go on (its own Sites.Selected grant; a tenant must confirm)", async () => {
    await makeAppendOnly(rest(), target);
    const e = recordBuilder().person({ at: 0 });
    const res = await fetch(`${emu.baseUrl}/sites/${site().id}/lists/${list().id}/items`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${makeAppToken("csm-enforcement-service", ["Sites.Selected"])}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ fields: eventToFields(e) }),
    });
    expect([res.status, res.status === 201 ? "" : await res.text()]).toEqual([201, ""]);
  });
});

describe("the site address for SharePoint REST", () => {
  it("is https://host/sites/name in a tenant, and the emulator's /_sp/ path on loopback", () => {
    expect(sharePointSiteUrl("contoso.sharepoint.com:/sites/casework", "https://graph.microsoft.com/v1.0")).toBe(
      "https://contoso.sharepoint.com/sites/casework",
    );
    expect(sharePointSiteUrl("contoso.sharepoint.com:/sites/casework", "http://127.0.0.1:9/v1.0")).toBe(
      "http://127.0.0.1:9/_sp/contoso.sharepoint.com/sites/casework",
    );
    expect(sharePointAdminScope("contoso.sharepoint.com:/sites/casework")).toBe(
      "https://contoso.sharepoint.com/AllSites.FullControl",
    );
  });
});
