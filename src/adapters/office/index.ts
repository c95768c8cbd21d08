/** The Office.js adapter: Outlook as a MailHost, and requirement-set detection. */
export { detectFeatures, type RequirementProbe } from "./features";
export { domainsFromUrl, MAX_FORM_BODY_BYTES, OutlookMailHost, type OutlookMailHostOptions } from "./outlook-mail-host";
export { deviceSecretCache } from "./digest-secret-cache";
