// The history's wording: each event type in plain English with its policy paragraph.
import { EVENT_TYPES, type RecordEvent } from "../../src/domain";
import { describeEvent } from "../../src/ui/history/describe-event";
import { sampleEvents } from "./sample";

const base = { personId: "P", at: "2026-11-01T10:00:00Z", by: "s@opcc.example" };

describe("describeEvent", () => {
  it("words every event in the sample record with a non-empty title", () => {
    const types = new Set<string>();
    for (const e of sampleEvents()) {
      const line = describeEvent(e);
      expect(line.title.trim()).not.toBe("");
      types.add(e.type);
    }
    // The sample shows nearly every kind of entry.
    expect(EVENT_TYPES.filter((t) => !types.has(t))).toEqual([
      "IdentifiersUnlinked",
      "StrategyVaried",
      "StrategyLifted",
      "EventRetracted",
    ]);
  });

  it.each<[RecordEvent, RegExp, string | undefined]>([
    [
      {
        ...base,
        id: "1",
        type: "IncidentRecorded",
        data: { kind: "abusive", behaviours: ["verbal-abuse"], channel: "phone", summary: "Shouted.", callEnded: true },
      },
      /^Incident: violent, threatening or abusive behaviour \(phone\)$/,
      "4.3",
    ],
    [
      {
        ...base,
        id: "2",
        type: "CausesConsidered",
        data: {
          processExplained: true,
          handledProportionately: false,
          communicatedRegularly: false,
          supportOffered: true,
          rationaleGiven: true,
        },
      },
      /2 of the five questions answered no/,
      "7.2",
    ],
    [
      { ...base, id: "3", type: "StrategyLifted", data: { strategyId: "S", reason: "Behaviour improved." } },
      /lifted/,
      "9.12",
    ],
    [
      {
        ...base,
        id: "4",
        type: "BreachRecorded",
        data: { breachId: "B", strategyId: "S", restriction: "advocate-only", detail: "Direct email." },
      },
      /^Breach: contact only through an advocate$/,
      "9.11",
    ],
    [
      { ...base, id: "5", type: "EventRetracted", data: { eventId: "1", reason: "Wrong person." } },
      /withdrawn/,
      undefined,
    ],
    [
      {
        ...base,
        id: "6",
        type: "StrategyVaried",
        data: {
          strategyId: "S",
          restrictions: [{ kind: "written-only", allowed: ["post"] }],
          reason: "Asked for letters.",
          notifiedOn: "2026-11-01",
        },
      },
      /varied/,
      "9.13–9.14",
    ],
  ])("%#: %j", (event, title, policyRef) => {
    const line = describeEvent(event);
    expect(line.title).toMatch(title);
    expect(line.policyRef).toBe(policyRef);
  });

  it("says when the call was ended (4.4–4.5)", () => {
    const line = describeEvent({
      ...base,
      id: "1",
      type: "IncidentRecorded",
      data: { kind: "abusive", behaviours: ["verbal-abuse"], channel: "phone", summary: "Shouted.", callEnded: true },
    });
    expect(line.detail).toMatch(/The call was ended\./);
  });
});
