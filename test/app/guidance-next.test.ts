/**
 * "Next" read from the whole state (issue 14 item 4), table-driven: each row builds a record
 * through the use cases and names the step that must be next (null: nothing is pressing) and,
 * where it matters, what the hint or another step must say.
 */
import * as A from "../../src/app/actions";
import { guide, senderContext, type StepId, type StepInfo } from "../../src/app/guidance";
import { continuedAfterWarning, PERSON_EMAIL, registered, restricted, warned } from "./ladder-fixture";
import { makeWorld, type World } from "./world";

const ORG = ["opcc.example"];
const ADVOCATE = "dana.brooks@advocacy.example.org";

interface Row {
  readonly name: string;
  /** Builds the record; returns the person on it (null: the sender is not on the record) and the sender's address. */
  readonly build: (w: World) => Promise<{ personId: string | null; from: string }>;
  readonly next: StepId | null;
  /** Other steps' status or hint. */
  readonly steps?: Partial<Record<StepId, { status?: StepInfo["status"]; hint?: RegExp }>>;
}

const breachOf = async (w: World) => {
  const { personId, strategyId } = await restricted(w);
  await A.recordBreach(w.ctx(), { personId, strategyId, restriction: "single-point-of-contact", detail: "x" });
  return { personId, strategyId };
};

const ROWS: readonly Row[] = [
  {
    name: "an unknown member of the public: register them",
    build: async () => ({ personId: null, from: "morgan.reese@example.com" }),
    next: "register",
  },
  {
    name: "a colleague (an address on the organisation's domain) is not asked to be registered",
    build: async () => ({ personId: null, from: "Casey.Okafor@OPCC.example" }),
    next: null,
    steps: { register: { status: "available", hint: /colleague/ } },
  },
  {
    name: "a known advocate writing from the address on file is recognised, not registered (9.9)",
    build: async (w) => {
      await restricted(w, [{ kind: "advocate-only", advocate: { name: "Dana Brooks", email: ADVOCATE } }]);
      return { personId: null, from: ADVOCATE.toUpperCase() };
    },
    next: null,
    steps: { register: { status: "available", hint: /Dana Brooks, the advocate on file for Alex Person/ } },
  },
  {
    name: "an advocate of a lifted strategy is no longer on file: register as anyone else",
    build: async (w) => {
      const { personId, strategyId } = await restricted(w, [
        { kind: "advocate-only", advocate: { name: "Dana Brooks", email: ADVOCATE } },
      ]);
      await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Behaviour improved." });
      return { personId: null, from: ADVOCATE };
    },
    next: "register",
  },
  {
    name: "right after a warning the person is given time: no strategy suggested (9.3)",
    build: async (w) => ({ personId: await warned(w), from: PERSON_EMAIL }),
    next: null,
    steps: { strategy: { status: "available", hint: /chance to change/ } },
  },
  {
    name: "an incident after the warning (causes considered): the behaviour continued, a strategy may follow (9.4)",
    build: async (w) => {
      const personId = await warned(w);
      await continuedAfterWarning(w, personId);
      return { personId, from: PERSON_EMAIL };
    },
    next: "strategy",
    steps: { strategy: { hint: /continued after the warning/ } },
  },
  {
    name: "an incident after the warning, causes not yet considered again: causes first (7.2)",
    build: async (w) => {
      const personId = await warned(w);
      await A.recordIncident(w.ctx(), {
        personId,
        kind: "persistence",
        behaviours: ["excessive-volume"],
        channel: "phone",
        summary: "y",
      });
      return { personId, from: PERSON_EMAIL };
    },
    next: "causes",
  },
  {
    name: "a breach of a strategy in force: the reminder (9.11)",
    build: async (w) => ({ personId: (await breachOf(w)).personId, from: PERSON_EMAIL }),
    next: "reminder",
  },
  {
    name: "no breach reminder once the strategy breached was lifted",
    build: async (w) => {
      const { personId, strategyId } = await breachOf(w);
      await A.liftStrategy(w.ctx(), { personId, strategyId, reason: "Behaviour improved." });
      return { personId, from: PERSON_EMAIL };
    },
    next: null,
    steps: { reminder: { status: "done", hint: /no longer in force/ } },
  },
  {
    name: "a contact logged for a person under a strategy awaits review (9.10)",
    build: async (w) => {
      const { personId } = await restricted(w);
      await A.logContact(w.ctx(), { personId, channel: "phone", at: "2026-11-03T10:00:00Z", from: "0770", to: [] });
      return { personId, from: PERSON_EMAIL };
    },
    next: "review-contact",
  },
  {
    name: "a person with no concerns is not asked to review their contacts",
    build: async (w) => {
      const personId = await registered(w);
      await A.logContact(w.ctx(), { personId, channel: "phone", at: "2026-11-03T10:00:00Z", from: "0770", to: [] });
      return { personId, from: PERSON_EMAIL };
    },
    next: null,
    steps: { "review-contact": { status: "available", hint: /No concerns/ } },
  },
];

describe("Next, from the whole state", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_, row) => {
    const w = makeWorld();
    const { personId, from } = await row.build(w);
    const index = w.record.index;
    const person = personId ? index.person(personId) : null;
    const steps = guide(person, w.clock.now(), person ? undefined : senderContext(index, from, ORG));
    expect(steps.find((s) => s.status === "next")?.id ?? null).toBe(row.next);
    for (const [id, want] of Object.entries(row.steps ?? {})) {
      const got = steps.find((s) => s.id === id);
      expect(got).toBeDefined();
      if (want.status) expect(got?.status).toBe(want.status);
      if (want.hint) expect(got?.hint).toMatch(want.hint);
    }
  });
});
