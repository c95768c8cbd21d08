/**
 * The enforcement service end to end over loopback (issue 9, Deliver 6–7): the Graph emulator and
 * the service's own HTTP server. A restricted person writes to the shared complaints mailbox and
 * nobody opens Outlook: within seconds the message is in the review folder, categorised, the
 * breach is on the record once and the line manager has exactly one activity-feed notification,
 * through duplicated, dropped and late notifications, a missed lifecycle event and a removed
 * subscription. Bad input is answered correctly and logged without personal data.
 */
import type { EnforcementService } from "../../src/app/enforcement";
import { CATEGORIES } from "../../src/app/mailbox-categories";
import { REVIEW_FOLDER } from "../../src/app/mailbox-reconcile";
import {
  composeService,
  LIFECYCLE_PATH,
  NOTIFICATION_PATH,
  type ComposedService,
} from "../../src/surfaces/service/compose";
import { parseConfig } from "../../src/surfaces/service/config";
import { listen, type RunningService } from "../../src/surfaces/service/http";
import { emulatorAppTokens } from "../../src/surfaces/service/tokens";
import { SERVICE_ROLES } from "../../src/adapters/graph/enforcement";
import { PERSON_EMAIL } from "../app/ladder-fixture";
import {
  restrictedPerson as restrictedPerson_,
  SECRET,
  SHARED,
  TEAMS_APP,
  until,
  breachesOnRecord as breachesOnRecordIn,
} from "./fixture";
import { MANAGER_A, makeClient, seedTenant, setUpLists, SITE_REF, STAFF_A } from "../adapters/graph/tenant";
import { startGraphEmulator, type RunningEmulator } from "../support/graph-emulator";

const PERSON = PERSON_EMAIL;

jest.setTimeout(20_000);

let emu: RunningEmulator;
let running: RunningService;
let composed: ComposedService;
let service: EnforcementService | null;
let logs: string[];

const restrictedPerson = () => restrictedPerson_(emu.baseUrl);

beforeEach(async () => {
  emu = await startGraphEmulator();
  seedTenant(emu.emulator);
  emu.emulator.addUser({ userPrincipalName: SHARED, displayName: "Complaints (shared mailbox)" });
  await setUpLists(makeClient(emu.baseUrl, fetch).graph);
  emu.emulator.appMailboxScope = new Set([SHARED]); // the application access policy: the team mailbox only
  logs = [];
  service = null;
  running = await listen(() => service, 0);
  const config = parseConfig(
    {
      site: SITE_REF,
      organisationDomains: ["opcc.example"],
      mailboxes: [{ id: SHARED, managerId: MANAGER_A }],
      teamsAppId: TEAMS_APP,
      tabUrl: "https://csm.example/teams.html",
    },
    { GRAPH_BASE_URL: emu.baseUrl, CSM_CLIENT_STATE: SECRET, CSM_RECORDED_BY: "csm-service@opcc.example" },
  );
  composed = await composeService(config, {
    publicUrl: running.url,
    tokens: emulatorAppTokens(
      emu.baseUrl,
      [...SERVICE_ROLES.mail, ...SERVICE_ROLES.settings, ...SERVICE_ROLES.activity, ...SERVICE_ROLES.record],
      fetch,
    ),
    fetch,
    log: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
  });
  service = composed.service;
});

afterEach(async () => {
  await emu.emulator.mailFlow.flush();
  await composed.service.settled();
  await running.close();
  await emu.close();
});

function mailbox() {
  return emu.emulator.mailbox(SHARED);
}

function reviewFolderId(): string {
  return [...mailbox().folders.values()].find((f) => f.displayName === REVIEW_FOLDER)!.id;
}

const breachesOnRecord = () => breachesOnRecordIn(emu.baseUrl);

describe("the enforcement service end to end (emulator + service over loopback)", () => {
  it("a restricted person writes to the shared mailbox at 2 am: diverted, categorised, one breach, one activity", async () => {
    const { strategyId } = await restrictedPerson();
    await service!.start(); // subscriptions (handshake over loopback), catch-up, rules in the shared mailbox
    expect(emu.emulator.mailFlow.sent.filter((s) => s.kind === "validation").every((s) => s.status === 200)).toBe(true);
    expect([...mailbox().rules.values()].map((r) => r.displayName).join()).toContain("[CSM]");

    emu.emulator.mailFlow.hook("duplicate"); // Graph delivers the notification twice
    const started = Date.now();
    const msg = emu.emulator.deliverMail(SHARED, { from: PERSON, to: [SHARED], subject: "Why has nobody answered" });
    await until(() => emu.emulator.mailFlow.activities.length > 0);
    await emu.emulator.mailFlow.flush();
    await service!.settled();
    await composed.flush();
    const elapsed = Date.now() - started;

    expect(msg.parentFolderId).toBe(reviewFolderId());
    expect(msg.categories).toEqual(
      expect.arrayContaining([
        CATEGORIES.review.displayName,
        CATEGORIES.breach.displayName,
        CATEGORIES.inPlace.displayName,
      ]),
    );
    const breaches = await breachesOnRecord();
    expect(breaches).toHaveLength(1);
    const activities = emu.emulator.mailFlow.activities;
    expect(activities).toHaveLength(1);
    expect(activities[0]!.userId).toBe(emu.emulator.users.get(MANAGER_A)!.id);
    expect(activities[0]!.activityType).toBe("breachRecorded");
    expect(activities[0]!.topic.webUrl).toContain(`https://teams.microsoft.com/l/entity/${TEAMS_APP}/`);
    expect(elapsed).toBeLessThan(5000);
    expect(strategyId).toBeTruthy();
  });

  it("a dropped notification, then a missed lifecycle event: caught up by delta, still exactly one", async () => {
    await restrictedPerson();
    await service!.start();
    emu.emulator.mailFlow.hook("drop", 2);
    emu.emulator.deliverMail(SHARED, { from: PERSON, to: [SHARED] });
    await emu.emulator.mailFlow.flush();
    await service!.settled();
    expect(emu.emulator.mailFlow.activities).toHaveLength(0); // nothing arrived yet
    const sub = [...emu.emulator.mailFlow.subscriptions.values()].find((s) => s.folderId === reviewFolderId())!;
    expect(await emu.emulator.mailFlow.lifecycle(sub.id, "missed")).toBe(202);
    await until(() => emu.emulator.mailFlow.activities.length > 0);
    await service!.settled();
    await composed.flush();
    expect(await breachesOnRecord()).toHaveLength(1);
    expect(emu.emulator.mailFlow.activities).toHaveLength(1);
  });

  it("a late notification after the delta round, and a removed subscription recreated: still exactly one", async () => {
    await restrictedPerson();
    await service!.start();
    emu.emulator.mailFlow.hook({ delayMs: 400 });
    emu.emulator.deliverMail(SHARED, { from: PERSON, to: [SHARED] });
    const sub = [...emu.emulator.mailFlow.subscriptions.values()].find((s) => s.folderId === reviewFolderId())!;
    await emu.emulator.mailFlow.lifecycle(sub.id, "subscriptionRemoved");
    await until(() => emu.emulator.mailFlow.activities.length > 0);
    await emu.emulator.mailFlow.flush(); // the late one arrives now
    await service!.settled();
    await composed.flush();
    expect(await breachesOnRecord()).toHaveLength(1);
    expect(emu.emulator.mailFlow.activities).toHaveLength(1);
    const live = [...emu.emulator.mailFlow.subscriptions.values()].filter((s) => s.folderId === reviewFolderId());
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(sub.id);
  });

  it("bad input over HTTP: wrong clientState, unknown subscription, malformed body; nothing personal logged", async () => {
    await restrictedPerson();
    await service!.start();
    const post = (path: string, body: string): Promise<Response> =>
      fetch(`${running.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const sub = [...emu.emulator.mailFlow.subscriptions.values()][0]!;
    const msg = emu.emulator.addMessage(SHARED, { subject: "x" });
    const item = (over: Record<string, unknown>): string =>
      JSON.stringify({
        value: [
          { subscriptionId: sub.id, clientState: SECRET, changeType: "created", resourceData: { id: msg.id }, ...over },
        ],
      });
    expect((await post(NOTIFICATION_PATH, item({ clientState: "forged" }))).status).toBe(202);
    expect((await post(NOTIFICATION_PATH, item({ subscriptionId: "not-ours" }))).status).toBe(202);
    expect((await post(NOTIFICATION_PATH, "{oops")).status).toBe(400);
    expect((await post(LIFECYCLE_PATH, "[]")).status).toBe(400);
    expect((await post(NOTIFICATION_PATH, item({ resourceData: { id: "AAMk-gone=" } }))).status).toBe(202);
    const v = await fetch(`${running.url}${NOTIFICATION_PATH}?validationToken=${encodeURIComponent("tok 1")}`, {
      method: "POST",
    });
    expect(v.status).toBe(200);
    expect(v.headers.get("content-type")).toContain("text/plain");
    expect(await v.text()).toBe("tok 1");
    await service!.settled();
    const text = logs.join("\n");
    for (const e of [
      "notification-wrong-client-state",
      "notification-unknown-subscription",
      "notification-malformed",
      "message-gone",
    ])
      expect(text).toContain(e);
    for (const secret of [PERSON, SHARED, "AAMk-gone", SECRET]) expect(text).not.toContain(secret);
    expect(await breachesOnRecord()).toHaveLength(0);
  });

  it("the application access policy holds: a mailbox outside it cannot be subscribed", async () => {
    const res = await fetch(`${emu.baseUrl}/subscriptions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await emulatorAppTokens(emu.baseUrl, ["Mail.ReadWrite"], fetch).getToken({ scopes: [], url: emu.baseUrl })}`,
      },
      body: JSON.stringify({
        changeType: "created",
        resource: `users/${STAFF_A}/mailFolders('Inbox')/messages`,
        notificationUrl: `${running.url}${NOTIFICATION_PATH}`,
        expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
        clientState: SECRET,
      }),
    });
    expect(res.status).toBe(403);
  });
});
