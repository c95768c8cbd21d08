import { explain, FieldProblems } from "../../../src/ui/actions/form/problems";

describe("refusals in plain English with the policy paragraph", () => {
  it("turns field checks into words for a form, with the paragraph from the domain's trailer", () => {
    expect(
      explain({
        code: "E_SCHEMA",
        field: "data.proportionality",
        message: "is blank; it must be filled in (StrategyImposed, policy 9.4–9.9)",
      }),
    ).toBe("Please fill this in (9.4–9.9).");
    expect(
      explain({
        code: "E_SCHEMA",
        field: "data.kind",
        message: 'is ""; expected one of abusive, persistence, demands (IncidentRecorded, policy 4.3–4.6, 6.3, 6.4)',
      }),
    ).toBe("Please choose one (4.3–4.6, 6.3, 6.4).");
  });

  it("uses the step's paragraph when the domain names only the record format", () => {
    expect(
      explain(
        {
          code: "E_SCHEMA",
          field: "data.name",
          message: "is blank; it must be filled in (PersonRegistered, record-format §2)",
        },
        "8.1",
      ),
    ).toBe("Please fill this in (8.1).");
    expect(
      explain({
        code: "E_SCHEMA",
        field: "data.name",
        message: "is blank; it must be filled in (PersonRegistered, record-format §2)",
      }),
    ).toBe("Please fill this in.");
  });

  it("keeps the domain's own sentences for policy checks", () => {
    expect(
      explain({
        code: "E_REVIEW_TOO_FAR",
        field: "data.reviewDue",
        message: "2027-03-01 is more than three months after this decision; review by 2027-02-03 at the latest (9.12)",
      }),
    ).toBe(
      "1 March 2027 is more than three months after this decision; review by 3 February 2027 at the latest (9.12).",
    );
    expect(
      explain({
        code: "E_NO_WARNING",
        field: "data.warningWaived",
        message:
          "no warning has been issued to this person before this strategy; issue a warning first, or record in warningWaived why a warning was not possible (9.1–9.3)",
      }),
    ).toBe(
      "No warning has been issued to this person before this strategy; issue a warning first, or record why a warning was not possible (9.1–9.3).",
    );
  });

  it("puts each problem beside its field, and lists the rest", () => {
    const p = new FieldProblems([
      {
        code: "E_SCHEMA",
        field: "data.restrictions[0].windows[1].to",
        message: 'is "25:00"; expected a time HH:MM from 00:01 to 24:00 (StrategyImposed, policy 9.9)',
      },
      {
        code: "E_NO_CAUSES",
        message:
          "no consideration of underlying causes (CausesConsidered) is recorded for this person before this strategy; answer the five questions of 7.2 first (7.2–7.3)",
      },
    ]);
    expect(p.for("data.restrictions[0].windows[1].to")).toBe(
      "Please give a time on the 24-hour clock, like 17:00 (24:00 for midnight) (9.9).",
    );
    expect(p.for("data.restrictions[0]")).toBeDefined();
    expect(p.for("data.restrictions[1]")).toBeUndefined();
    expect(p.for("data.restrictions[0].windows[1]", true)).toBeUndefined();
    expect(p.unclaimed(["data.restrictions"])).toEqual([
      "No consideration of underlying causes is recorded for this person before this strategy; answer the five questions of 7.2 first (7.2–7.3).",
    ]);
  });
});
