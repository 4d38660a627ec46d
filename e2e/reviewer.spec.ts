import { expect, test } from "@playwright/test";
import { appIdOf, postAction, serverActionId, signInAs } from "./fixtures";

const SERVICE_APP = "com.example/inventory-sync";

test("a security reviewer sees everything read-only", async ({ page }) => {
  await signInAs(page, "reviewer");
  await expect(page.getByRole("link", { name: "New application" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Disable|Enable) / })).toHaveCount(0);

  const id = await appIdOf(page, SERVICE_APP);
  await page.goto(`/apps/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: SERVICE_APP })).toBeVisible();
  for (const name of ["Edit", "Rotate secret", "Delete", "Disable"]) {
    await expect(page.getByRole("button", { name, exact: true }).or(page.getByRole("link", { name, exact: true }))).toHaveCount(0);
  }
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("history-event").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore this version" })).toHaveCount(0);

  for (const path of ["/apps/new", `/apps/${id}/edit`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
});

test("every mutation action refuses a reviewer and an anonymous caller server-side", async ({ page, browser }) => {
  await signInAs(page, "reviewer");
  const id = await appIdOf(page, SERVICE_APP);
  const input = {
    ApplicationUri: SERVICE_APP,
    Name: { Default: "Hijacked", Translations: [] },
    ClientType: "Confidential",
    ImpersonateLoginUrls: [],
    ImpersonateLogoutUrls: [],
    ImpersonateAsInternalUserAllowed: false,
    ImpersonateAsCommunityUserAllowed: false,
    SystemUserAllowed: true,
    SystemUserLogin: "svc-integration",
    SystemUserLoginUrl: null,
    Scopes: ["read", "update", "sec"],
    AccessTokens: "AuthenticatedUsers",
    BasicAuthenticationAllowed: true,
    IsEnabled: true,
    Notes: null,
  };
  const consent = { acknowledgeWarnings: true, justification: "reviewer trying to bypass the UI" };
  const calls: [string, string, unknown][] = [
    ["lib/actions/update-app.ts", "updateAppAction", { id, version: 1, input, consent }],
    ["lib/actions/create-app.ts", "createAppAction", { input: { ...input, ApplicationUri: "com.evil/app" }, consent }],
    ["lib/actions/rotate-secret.ts", "rotateSecretAction", { id, grace: "7d" }],
    ["lib/actions/set-app-enabled.ts", "setAppEnabledAction", { id, enabled: false }],
    ["lib/actions/delete-app.ts", "deleteAppAction", { id, confirmApplicationUri: SERVICE_APP }],
    ["lib/actions/restore-app-version.ts", "restoreAppVersionAction", { id, eventId: id, version: 1, consent, preview: false }],
    // The instance's user list is for editors (the SystemUser picker), not for reviewers.
    ["lib/actions/search-users.ts", "searchUsersAction", { query: "" }],
    ["lib/actions/set-user-role.ts", "setUserRoleAction", { id, role: "Administrator" }],
  ];
  for (const [file, name, arg] of calls) {
    const res = await postAction(page, `/apps/${id}`, serverActionId(file, name), arg);
    expect(res.text, `${name} as reviewer`).toContain('"code":"FORBIDDEN"');
    expect(res.text).not.toMatch(/"ok":true/);
  }

  const anonymous = await browser.newPage();
  for (const [file, name, arg] of calls) {
    const res = await postAction(anonymous, `/apps/${id}`, serverActionId(file, name), arg);
    expect(res.text, `${name} anonymous`).toContain('"code":"UNAUTHENTICATED"');
  }
  await anonymous.close();

  // Nothing changed: still there, still enabled, same name, no secret rotation in the history.
  await page.goto(`/apps/${id}`);
  await expect(page.getByText("Inventory sync (service integration)").first()).toBeVisible();
  await expect(page.getByText("Enabled", { exact: true }).first()).toBeVisible();
  await page.goto(`/apps/${id}?tab=history`);
  await expect(page.getByTestId("history-event")).toHaveCount(1);
});

test("the reviewer filters the dashboard by severity and follows a finding to its app; the admin sees the same findings", async ({ page, browser }) => {
  await signInAs(page, "reviewer");
  await page.getByRole("link", { name: "Security review" }).click();
  await expect(page.getByRole("heading", { name: "Security review" })).toBeVisible();
  const all = await page.getByTestId("review-row").count();
  expect(all).toBeGreaterThan(0);

  await page.getByTestId("severity-warning").click();
  await expect(page).toHaveURL(/severity=warning/);
  const rows = page.getByTestId("review-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("warning");
  expect(count).toBeLessThan(all);

  const first = rows.first();
  const ruleId = (await first.locator("code").first().textContent())!.trim();
  const uri = (await first.getByRole("link").textContent())!.trim();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: uri })).toBeVisible();
  await expect(page.getByTestId("findings").locator(`[data-rule-id="${ruleId}"]`).first()).toBeVisible();
  const reviewerFindings = await page.getByTestId("finding").evaluateAll((els) => els.map((e) => e.getAttribute("data-rule-id")));

  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  await admin.goto(page.url());
  const adminFindings = await admin.getByTestId("finding").evaluateAll((els) => els.map((e) => e.getAttribute("data-rule-id")));
  expect(adminFindings).toEqual(reviewerFindings);
  await admin.close();
});
