/** The Teams tab's shared-record helpers: the deployment's settings.json, and Teams as the sign-in host. */
import { loadDeploymentSettings, TeamsAuthHost } from "../../../src/surfaces/teams/shared-record";

test("reads settings.json: string fields only, nothing when absent or not an object", async () => {
  const file = (text: string) => async () => text;
  expect(
    await loadDeploymentSettings(file(JSON.stringify({ clientId: "id", site: "s", tenant: 3, other: "x" }))),
  ).toEqual({ clientId: "id", site: "s" });
  expect(await loadDeploymentSettings(file("[1,2]"))).toEqual({});
  expect(await loadDeploymentSettings(file("null"))).toEqual({});
  expect(await loadDeploymentSettings(file("{"))).toEqual({});
  expect(
    await loadDeploymentSettings(async () => {
      throw new Error("404");
    }),
  ).toEqual({});
});

test("Teams signs in through nested app authentication when TeamsJS recommends it; there is no dialog", async () => {
  expect(new TeamsAuthHost({ isNAAChannelRecommended: () => true }).naaSupported()).toBe(true);
  expect(new TeamsAuthHost({ isNAAChannelRecommended: () => false }).naaSupported()).toBe(false);
  expect(
    new TeamsAuthHost({
      isNAAChannelRecommended: () => {
        throw new Error("not initialised");
      },
    }).naaSupported(),
  ).toBe(false);
  await expect(new TeamsAuthHost({ isNAAChannelRecommended: () => true }).openDialog()).rejects.toThrow(
    /nested app authentication/,
  );
});
