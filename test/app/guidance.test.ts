import * as A from "../../src/app/actions";
import { guide, type StepId, type StepInfo } from "../../src/app/guidance";
import { registered, restricted, warned } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

const statusOf = (steps: StepInfo[], id: StepId) => steps.find((s) => s.id === id)?.status;
const nextOf = (steps: StepInfo[]) => steps.find((s) => s.status === "next")?.id ?? null;
const now = (w: World) => w.clock.now();

describe("what is next, in the policy's order", () => {
  it("an unknown sender: register only", () => {
    expect(guide(null, 0).map((s) => [s.id, s.status])).toEqual([["register", "next"]]);
  });

  it("asks about assistance at the outset (8.1), before anything else on the ladder", async () => {
    const w = makeWorld();
    const e = await A.registerPerson(w.ctx(), { name: "New Person", emails: ["n@example.org"] });
    const steps = guide(w.record.index.person(e.personId), now(w));
    expect(nextOf(steps)).toBe("assistance");
    // In the policy's order.
    expect(steps.map((s) => s.id)).toEqual([
      "assistance",
      "needs",
      "incident",
      "causes",
      "warning",
      "strategy",
      "log-contact",
      "review-contact",
      "breach",
      "reminder",
      "review",
      "vary",
      "lift",
      "sharing",
      "further-action",
      "history",
    ]);
  });

  it("after an incident: causes (7.2), then a warning (9.1–9.3) before any restriction", async () => {
    const w = makeWorld();
    const personId = await registered(w);
    await A.recordIncident(w.ctx(), {
      personId,
      kind: "demands",
      behaviours: ["senior-manager-demands"],
      channel: "phone",
      summary: "x",
    });
    expect(nextOf(guide(w.record.index.person(personId), now(w)))).toBe("causes");
    await A.recordCausesConsidered(w.ctx(), {
      personId,
      processExplained: true,
      handledProportionately: true,
      communicatedRegularly: true,
      supportOffered: true,
      rationaleGiven: true,
    });
    const steps = guide(w.record.index.person(personId), now(w));
    expect(nextOf(steps)).toBe("warning");
    expect(steps.find((s) => s.id === "strategy")?.hint).toMatch(/warn first/);
  });

  it("a new incident after the causes were considered asks for them again", async () => {
    const w = makeWorld();
    const personId = await warned(w);
    // Given time to change after the warning (9.3): no strategy yet.
    expect(nextOf(guide(w.record.index.person(personId), now(w)))).toBeNull();
    await A.recordIncident(w.ctx(), {
      personId,
      kind: "persistence",
      behaviours: ["excessive-volume"],
      channel: "phone",
      summary: "y",
    });
    expect(nextOf(guide(w.record.index.person(personId), now(w)))).toBe("causes");
  });

  it("with a strategy: strategy steps become available; a breach puts the reminder first (9.11)", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    let steps = guide(w.record.index.person(personId), now(w));
    expect(nextOf(steps)).toBeNull();
    expect(statusOf(steps, "strategy")).toBe("done");
    for (const id of ["review", "vary", "lift", "breach"] as const) expect(statusOf(steps, id)).toBe("available");
    expect(statusOf(steps, "further-action")).toBe("unavailable");
    await A.recordBreach(w.ctx(), { personId, strategyId, restriction: "single-point-of-contact", detail: "x" });
    steps = guide(w.record.index.person(personId), now(w));
    expect(nextOf(steps)).toBe("reminder");
    expect(statusOf(steps, "further-action")).toBe("available");
  });

  it("an overdue review comes next (9.12), and one due within a fortnight is flagged", async () => {
    const w = makeWorld("2026-11-03T09:30:00Z");
    const { personId } = await restricted(w);
    const person = () => w.record.index.person(personId);
    expect(nextOf(guide(person(), Date.parse("2027-01-25T12:00:00Z")))).toBe("review");
    expect(nextOf(guide(person(), Date.parse("2027-02-04T12:00:00Z")))).toBe("review");
    expect(guide(person(), Date.parse("2027-02-04T12:00:00Z")).find((s) => s.id === "review")?.hint).toMatch(
      /overdue since 2027-02-03/,
    );
    expect(statusOf(guide(person(), Date.parse("2026-12-01T12:00:00Z")), "review")).toBe("available");
  });

  it("a logged contact awaits review (9.10)", async () => {
    const w = makeWorld();
    const { personId } = await restricted(w);
    await A.logContact(w.ctx(), {
      personId,
      channel: "phone",
      at: "2026-11-03T10:00:00Z",
      from: "0770",
      to: ["officer.one@opcc.example"],
    });
    const steps = guide(w.record.index.person(personId), Date.parse("2026-11-03T12:00:00Z"));
    expect(nextOf(steps)).toBe("review-contact");
  });

  it("after lifting, the ladder starts again", async () => {
    const w = makeWorld();
    const { personId, strategyId } = await restricted(w);
    await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Done." });
    const steps = guide(w.record.index.person(personId), now(w));
    expect(statusOf(steps, "strategy")).toBe("available");
    expect(statusOf(steps, "warning")).toBe("available");
    expect(statusOf(steps, "vary")).toBe("unavailable");
  });
});
