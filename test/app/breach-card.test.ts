/**
 * @jest-environment jsdom
 *
 * The breach card (app/notify.ts breachCard) read by Microsoft's own Adaptive Cards SDK
 * (`adaptivecards`) at the card's declared version: it parses with no validation events, has the
 * fallback text Teams shows where it cannot draw a card, and the SDK reads the facts the card is
 * meant to carry (and not the record's detail). A card the SDK finds fault with is caught by the same checks.
 */
import * as AC from "adaptivecards";
import { breachCard, type AdaptiveCard } from "../../src/app/notify";
import { type EventOf } from "../../src/domain";
import { recordBuilder } from "../contract/builders";

function breach(strategyId = "S-1"): EventOf<"BreachRecorded"> {
  return recordBuilder().breach({
    id: "breach-abc",
    at: 60,
    by: "amy.case@example.gov.uk",
    recordedAt: "2026-03-02T10:00:00Z",
    data: { restriction: "single-point-of-contact", strategyId, detail: "Secret incident detail." },
  }) as EventOf<"BreachRecorded">;
}

/** Every event the SDK logs while parsing and validating `json` at the version it declares. */
function sdkEvents(json: AdaptiveCard): { card: AC.AdaptiveCard; events: string[] } {
  const version = AC.Version.parse(String(json.version), new AC.SerializationContext());
  const context = new AC.SerializationContext(version);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) events.push(e.message);
  return { card, events };
}

test("the card parses and validates at its version with no events, and has fallback text", () => {
  const json = breachCard(breach(), "https://teams.example/record");
  expect(json.version).toBe("1.4");
  const { card, events } = sdkEvents(json);
  expect(events).toEqual([]);
  expect(card.fallbackText).toMatch(/breach has been recorded/);
  expect(card.fallbackText).not.toMatch(/amy|Secret|S-1/);
});

test("the SDK reads the heading and the facts, and the record's detail is not among them", () => {
  const { card } = sdkEvents(breachCard(breach(), "https://teams.example/record"));
  const texts: string[] = [];
  for (let i = 0; i < card.getItemCount(); i++) {
    const item = card.getItemAt(i);
    if (item instanceof AC.TextBlock) texts.push(item.text ?? "");
    if (item instanceof AC.FactSet) for (const f of item.facts) texts.push(`${f.name}: ${f.value}`);
  }
  expect(texts[0]).toBe("Contact strategy breach recorded");
  expect(texts).toContain("Recorded by: amy.case@example.gov.uk");
  expect(texts.join("\n")).not.toContain("Secret incident detail");
  expect(card.getActionCount()).toBe(1);
});

test("the same checks catch a card the SDK does not accept", () => {
  const json = breachCard(breach(), "https://teams.example/record");
  const broken = { ...json, body: [...(json.body as unknown[]), { type: "NoSuchElement" }], version: "1.4" };
  expect(sdkEvents(broken).events.join("\n")).toMatch(/NoSuchElement/);
  const tooNew = { ...json, body: [{ type: "Table", columns: [], rows: [] }] };
  expect(sdkEvents(tooNew).events.length).toBeGreaterThan(0);
});
