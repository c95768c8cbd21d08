/** Issue 13 Deliver 2: the appeal outcome letter: the outcome, the reasons, and the Ombudsman route. */
import {
  appealOutcomeLetter,
  DEFAULT_COMPLAINT_ROUTE,
  loadComplaintRoute,
  type AppealOutcomeFacts,
} from "../../src/app/appeal-letter";
import type { LetterContext } from "../../src/domain/letters";

const ctx = (easy: boolean): LetterContext => ({
  recipientName: "Alex Person",
  adjustments: easy ? [{ kind: "easy-read" }] : [],
  sender: { name: "Manager Two", role: "Head of casework" },
});

const facts = (over: Partial<AppealOutcomeFacts> = {}): AppealOutcomeFacts => ({
  decisionType: "StrategyImposed",
  matterRef: "CPL-2026-0042",
  decisionDate: "2026-10-10",
  receivedOn: "2026-11-01",
  outcome: "upheld",
  rationale: "The calls continued after the warning.",
  route: DEFAULT_COMPLAINT_ROUTE,
  ...over,
});

const text = (html: string) =>
  html
    .replace(/<br>/g, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("appeal outcome letter", () => {
  it.each([false, true])("names the Ombudsman and says how to get their details (easy read: %s)", (easy) => {
    const t = text(appealOutcomeLetter(facts(), ctx(easy)).html);
    expect(t).toMatch(/complain to the Ombudsman/);
    expect(t).toMatch(/Ombudsman's contact details/);
    expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no ISO dates reach the person
  });

  it("gives the organisation's route when it is set, with its time limit", () => {
    const route = {
      ombudsman: "the Example Ombudsman",
      website: "www.ombudsman.example",
      phone: "0300 000 0000",
      timeLimit: "within 12 months",
    };
    const t = text(appealOutcomeLetter(facts({ route }), ctx(false)).html);
    expect(t).toContain("complain to the Example Ombudsman, who is independent of us");
    expect(t).toContain("Website: www.ombudsman.example");
    expect(t).toContain("Phone: 0300 000 0000");
    expect(t).toContain("within 12 months");
    expect(t).not.toMatch(/Ask us and we will give you/);
  });

  it("says the outcome and the reasons in plain words", () => {
    const upheld = text(appealOutcomeLetter(facts(), ctx(false)).html);
    expect(upheld).toContain("should stay in place");
    expect(upheld).toContain("The calls continued after the warning.");
    expect(upheld).toContain("1 November 2026");
    const warning = text(
      appealOutcomeLetter(facts({ decisionType: "WarningIssued", outcome: "overturned" }), ctx(false)).html,
    );
    expect(warning).toContain("withdraw the warning");
    const ended = text(appealOutcomeLetter(facts({ outcome: "overturned" }), ctx(true)).html);
    expect(ended).toContain("end the contact plan");
  });

  it("varied: lists what still applies", () => {
    const letter = appealOutcomeLetter(
      facts({ outcome: "varied", restrictions: [{ kind: "written-only", allowed: ["email"] }] }),
      ctx(false),
    );
    const t = text(letter.html);
    expect(t).toContain("What the strategy now means for you");
    expect(t).toMatch(/email/i);
    expect(letter.subject).toBe("The outcome of your request to reconsider your contact strategy");
  });

  it("easy read uses larger type", () => {
    const easy = appealOutcomeLetter(facts(), ctx(true)).html;
    const standard = appealOutcomeLetter(facts(), ctx(false)).html;
    const size = (h: string) => Number(/font-size:(\d+)pt/.exec(h)?.[1]);
    expect(size(easy)).toBeGreaterThan(size(standard));
  });
});

describe("the complaint route from settings.json", () => {
  const from = (text: string) => loadComplaintRoute(() => Promise.resolve(text));

  it("reads the organisation's route, trimming and keeping only text fields", async () => {
    expect(
      await from(
        JSON.stringify({
          clientId: "x",
          complaintRoute: { ombudsman: " the Example Ombudsman ", website: "www.ombudsman.example", phone: 3 },
        }),
      ),
    ).toEqual({ ombudsman: "the Example Ombudsman", website: "www.ombudsman.example" });
  });

  it.each([
    ["no file", null],
    ["not JSON", "{"],
    ["no route", JSON.stringify({ clientId: "x" })],
    ["a route without the Ombudsman's name", JSON.stringify({ complaintRoute: { website: "w" } })],
  ])("falls back to the default with %s", async (_, text) => {
    const route = text === null ? await loadComplaintRoute(() => Promise.reject(new Error("404"))) : await from(text);
    expect(route).toEqual(DEFAULT_COMPLAINT_ROUTE);
  });
});
