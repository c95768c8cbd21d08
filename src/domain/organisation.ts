/**
 * The organisation's own addresses and mail rules (issue 16, Deliver 3). A strategy's text becomes
 * mail rules in every staff mailbox, so what it names is checked against the organisation's email
 * domains where they are known (the Microsoft 365 mode knows them; `csm` and the record-format do
 * not, so these are not §8 checks and never part of `validateLog`):
 *
 * - a member of the public's address is never one of the organisation's (a rule moving `hr@` or
 *   `ceo@` mail into the review folder would hide staff mail; policy 9.10 is about the public);
 * - a blocked address (9.9) is never one of the organisation's, for the same reason;
 * - mail is forwarded only inside the organisation: a dedicated address and a single point of
 *   contact (9.9) are staff or organisation mailboxes (record-format §5), never an outside address.
 */
import type { ORGANISATION_CODES } from "./errors";
import type { RecordEvent, Restriction } from "./events";

export type OrganisationAddressCode = (typeof ORGANISATION_CODES)[number];

export interface OrganisationAddressError {
  readonly code: OrganisationAddressCode;
  readonly field: string;
  readonly message: string;
}

/** The domain of an address, lower case; "" when it has none. */
export function domainOf(address: string): string {
  const at = address.trim().lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .trim()
        .slice(at + 1)
        .toLowerCase();
}

/** Normalised, de-duplicated domains ("opcc.example"), from settings or the mailbox's own addresses. */
export function organisationDomains(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const d = (v.includes("@") ? domainOf(v) : v.trim().toLowerCase()).replace(/\.$/, "");
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) out.add(d);
  }
  return [...out].sort();
}

/** On one of the organisation's domains (or a subdomain of one). */
export function isOrganisationAddress(address: string, domains: readonly string[]): boolean {
  const d = domainOf(address);
  return d !== "" && domains.some((o) => d === o || d.endsWith(`.${o}`));
}

function restrictionsOf(event: RecordEvent): readonly Restriction[] {
  switch (event.type) {
    case "StrategyImposed":
    case "StrategyVaried":
      return event.data.restrictions;
    case "StrategyReviewed":
      return event.data.restrictions ?? [];
    default:
      return [];
  }
}

/**
 * The organisation-address checks for one event being recorded, given the organisation's domains
 * (none known: nothing to check). Each error names the field and says what to do.
 */
export function checkOrganisationAddresses(event: RecordEvent, domains: readonly string[]): OrganisationAddressError[] {
  if (domains.length === 0) return [];
  const errors: OrganisationAddressError[] = [];
  if (event.type === "PersonRegistered" || event.type === "IdentifiersLinked") {
    (event.data.emails ?? []).forEach((email, i) => {
      if (isOrganisationAddress(email, domains))
        errors.push({
          code: "E_ORGANISATION_ADDRESS",
          field: `data.emails[${i}]`,
          message: `data.emails[${i}]: is one of the organisation's own addresses; a member of the public's address never is (policy 9.9)`,
        });
    });
  }
  restrictionsOf(event).forEach((r, i) => {
    const f = `data.restrictions[${i}]`;
    if (r.kind === "blocked-addresses")
      r.addresses.forEach((a, j) => {
        if (isOrganisationAddress(a, domains))
          errors.push({
            code: "E_BLOCKED_ORGANISATION",
            field: `${f}.addresses[${j}]`,
            message: `${f}.addresses[${j}]: is one of the organisation's own addresses; only a member of the public's addresses can be blocked (policy 9.9)`,
          });
      });
    const target = r.kind === "dedicated-address" ? r.address : r.kind === "single-point-of-contact" ? r.staff : null;
    const key = r.kind === "dedicated-address" ? "address" : "staff";
    if (target !== null && !isOrganisationAddress(target, domains))
      errors.push({
        code: "E_OUTSIDE_ORGANISATION",
        field: `${f}.${key}`,
        message: `${f}.${key}: is not an address of the organisation; mail is only ever forwarded to a member of staff or an organisation mailbox (policy 9.9)`,
      });
  });
  return errors;
}
