// The Teams deep link template a breach notification uses to open the register tab on one person.
// The same function as teamsPersonLinkTemplate in src/app/register.ts (this script cannot import
// TypeScript); test/manifest/package.test.ts checks that the two agree.
const TEAMS_TAB_ENTITY_ID = "register";

function teamsPersonLinkTemplate({ teamsAppId, tabUrl }) {
  const enc = encodeURIComponent;
  return (
    `https://teams.microsoft.com/l/entity/${enc(teamsAppId)}/${TEAMS_TAB_ENTITY_ID}` +
    `?webUrl=${enc(`${tabUrl}?person=`)}{personId}&label=${enc("Contact strategy record")}` +
    `&context=${enc('{"subEntityId":"person:')}{personId}${enc('"}')}`
  );
}

module.exports = { teamsPersonLinkTemplate };
