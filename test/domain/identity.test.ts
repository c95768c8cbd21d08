/** Identifiers (record-format §5–§6): addresses case-insensitive after trimming; phones on digits, 0044/440/44 → 0. */
import {
  identifierKey,
  isEmailIdentifier,
  normaliseEmail,
  normalisePhone,
  sameEmail,
  samePhone,
} from "../../src/domain";

describe("phone numbers compare on digits, with a leading 0044, 440 or 44 read as 0", () => {
  it.each([
    ["+44 (0)7700 900123", "07700900123"],
    ["+44 7700 900123", "07700900123"],
    ["0044 7700 900123", "07700900123"],
    ["00447700900123", "07700900123"],
    ["447700900123", "07700900123"],
    ["4407700900123", "07700900123"],
    ["07700-900-123", "07700900123"],
    ["(01642) 000 111", "01642000111"],
    ["+1 202 555 0100", "12025550100"],
  ])("%s → %s", (raw, digits) => {
    expect(normalisePhone(raw)).toBe(digits);
  });

  it("matches the same number written differently, and never matches an empty number", () => {
    expect(samePhone("+44 (0)7700 900123", "07700 900123")).toBe(true);
    expect(samePhone("07700 900123", "07700 900124")).toBe(false);
    expect(samePhone("ext.", "n/a")).toBe(false);
  });
});

describe("email addresses compare case-insensitively after trimming", () => {
  it("normalises", () => {
    expect(normaliseEmail("  A.Person@Example.ORG ")).toBe("a.person@example.org");
    expect(sameEmail("A.Person@example.org", " a.person@EXAMPLE.org")).toBe(true);
    expect(sameEmail("a.person@example.org", "b.person@example.org")).toBe(false);
  });

  it("reads a from containing @ as an email address, anything else as a phone number", () => {
    expect(isEmailIdentifier("a@b")).toBe(true);
    expect(isEmailIdentifier("07700 900123")).toBe(false);
    expect(identifierKey(" A@B.org ")).toBe("e:a@b.org");
    expect(identifierKey("+44 7700 900123")).toBe("p:07700900123");
  });
});
