import { expect, test } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

// In-app messaging reaches the browser two ways: the snippet a marketer copies, and the CDN settings that
// installed snippets load on every page view. Both must carry the plugin with the Site ID only while it is on.
test("enabling in-app adds the plugin with the Site ID to the snippet and the CDN settings; disabling removes it", async ({
  page,
}) => {
  const workspaceId = await signInAsOwner(page);
  const api = `/api/workspaces/${workspaceId}`;
  const key = await (await page.request.post(`${api}/tracking-keys`, { data: { name: "In-app site" } })).json();
  const source = await (
    await page.request.post(`${api}/sources`, {
      data: { type: "javascript", name: "Web — in-app", connectJourneys: false },
    })
  ).json();
  const cdnPlugin = async () =>
    (await (await page.request.get(`/v1/projects/${source.writeKey}/settings`)).json()).integrations[
      "Customer.io In-App Plugin"
    ];

  // Off: the snippet has no plugin and says how to turn it on.
  await page.goto(`/${workspaceId}/sources/${source.id}`);
  await expect(page.getByTestId("in-app-note")).toBeVisible();
  await expect(page.getByTestId("snippet").first()).not.toContainText("Customer.io In-App Plugin");
  expect(await cdnPlugin()).toBeUndefined();

  await page.goto(`/${workspaceId}/settings/general`);
  await page.getByTestId("in-app-card").getByRole("button", { name: "Enable in-app" }).click();
  await expect(page.getByTestId("in-app-card")).toContainText(key.siteId);

  // On: both carry the Site ID of the workspace's first active tracking key.
  await page.goto(`/${workspaceId}/sources/${source.id}`);
  await expect(page.getByTestId("snippet").first()).toContainText("Customer.io In-App Plugin");
  await expect(page.getByTestId("snippet").first()).toContainText(key.siteId);
  expect(await cdnPlugin()).toMatchObject({ siteId: key.siteId });

  await page.goto(`/${workspaceId}/settings/general`);
  await page.getByTestId("in-app-card").getByRole("button", { name: "Disable in-app" }).click();
  await expect(page.getByTestId("in-app-card")).toContainText("Off");
  await page.goto(`/${workspaceId}/sources/${source.id}`);
  await expect(page.getByTestId("snippet").first()).not.toContainText("Customer.io In-App Plugin");
  expect(await cdnPlugin()).toBeUndefined();
});
