import { expect, test, type Browser, type Page } from "@playwright/test";
import { changePassword, postAction, serverActionId, signIn, signInAs, storeSecret } from "./fixtures";

// Console users are managed by administrators: add (with a provisional password shown once),
// role, deactivation, sign out everywhere, password reset; each ends the user's sessions at
// once and is audited. Serial: one user's story.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const LOGIN = `e2e.${run}`;
const OWN_PASSWORD = `own passphrase of ${run}`;

async function userRow(page: Page) {
  await page.goto(`/users?q=${encodeURIComponent(LOGIN)}`);
  const row = page.locator(`[data-testid="user-row"][data-login="${LOGIN}"]`);
  await expect(row).toBeVisible();
  return row;
}

async function signedInAsNewUser(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, { login: LOGIN, password: OWN_PASSWORD });
  await expect(page).toHaveURL(/\/apps$/);
  return page;
}

test("an administrator adds a reviewer; the provisional password is shown once and must be replaced", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/users$/);
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Login").fill(LOGIN);
  await form.getByLabel("Display name").fill(`E2E reviewer ${run}`);
  await form.getByLabel("Console role").selectOption("SecurityReviewer");
  await form.getByRole("button", { name: "Add user" }).click();

  // The one-time dialog ignores Escape: the password would be lost.
  const dialog = page.getByTestId("one-time-secret-dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  const provisional = await storeSecret(page);
  expect(provisional).toMatch(/^[A-Za-z0-9_-]{24}$/);
  await expect((await userRow(page)).getByText("provisional (must change)")).toBeVisible();

  const user = await (await browser.newContext()).newPage();
  await signIn(user, { login: LOGIN, password: provisional });
  await expect(user).toHaveURL(/\/account\/password$/);
  await changePassword(user, provisional, OWN_PASSWORD);
  await expect(user).toHaveURL(/\/apps$/);
  await expect(user.getByTestId("current-user")).toHaveText(`E2E reviewer ${run}`);
  await user.context().close();
});

test("sign out everywhere ends the user's sessions at once", async ({ page, browser }) => {
  const user = await signedInAsNewUser(browser);
  await signInAs(page, "admin");
  const row = await userRow(page);
  await expect(row.getByTestId("live-sessions")).not.toHaveText("0"); // this one, and the one that changed the password
  await row.getByRole("button", { name: `Sign ${LOGIN} out everywhere` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(row.getByTestId("live-sessions")).toHaveText("0");
  await user.goto("/review");
  await expect(user).toHaveURL(/\/signin/);
  await user.context().close();
});

test("a role change ends the sessions; the new role applies at the next sign-in", async ({ page, browser }) => {
  const user = await signedInAsNewUser(browser);
  await expect(user.getByRole("link", { name: "New application" })).toHaveCount(0);
  await signInAs(page, "admin");
  const row = await userRow(page);
  await row.getByLabel(`Console role of ${LOGIN}`).selectOption("Administrator");
  await page.getByRole("dialog").getByRole("button", { name: "Make administrator" }).click();
  await expect(row.locator('td[data-label="Console role"]')).toHaveText("Administrator");
  await user.goto("/apps");
  await expect(user).toHaveURL(/\/signin/);
  await signIn(user, { login: LOGIN, password: OWN_PASSWORD });
  await expect(user.getByRole("link", { name: "New application" })).toBeVisible();
  await user.context().close();
});

test("a password change ends the user's other sessions, not the one that changed it", async ({ browser }) => {
  const other = await signedInAsNewUser(browser);
  const me = await signedInAsNewUser(browser);
  await me.getByRole("link", { name: "Password" }).click();
  await changePassword(me, OWN_PASSWORD, `${OWN_PASSWORD} again`);
  await expect(me.getByTestId("password-banner")).toHaveText(/^Password changed\. \d+ other sessions? (was|were) signed out\.$/);
  await me.goto("/apps");
  await expect(me).toHaveURL(/\/apps$/);
  await other.goto("/apps");
  await expect(other).toHaveURL(/\/signin/);
  // Back to the password the rest of this story uses.
  await me.goto("/account/password");
  await changePassword(me, `${OWN_PASSWORD} again`, OWN_PASSWORD);
  await expect(me.getByTestId("password-banner")).toHaveText("Password changed.");
  await other.context().close();
  await me.context().close();
});

test("repeated wrong passwords are throttled before any hashing, with the time to retry; then the right one works", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await signIn(page, { login: LOGIN, password: `wrong ${i}` });
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
  }
  // The 5th failure blocks this login from this address for 5 s: even the right password waits.
  // (Sent from the page itself: the browser may reach "localhost" over ::1, Node over 127.0.0.1.)
  const res = await page.evaluate(async ({ login, password }) => {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const r = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login, password, csrfToken, json: "true" }),
    });
    return { status: r.status, retryAfter: r.headers.get("retry-after") };
  }, { login: LOGIN, password: OWN_PASSWORD });
  expect(res.status).toBe(429);
  expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
  await signIn(page, { login: LOGIN, password: OWN_PASSWORD });
  await expect(page.getByTestId("sign-in-error")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  await expect(page.getByTestId("sign-in-error")).toHaveText("You can try again now.", { timeout: 15_000 });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/apps$/);
});

test("a deactivated user cannot sign in; the audit log has the whole story; reviewers cannot manage users", async ({ page, browser }) => {
  const user = await signedInAsNewUser(browser);
  await signInAs(page, "admin");
  const row = await userRow(page);
  await row.getByRole("button", { name: `Deactivate ${LOGIN}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row.locator('td[data-label="Status"]')).toHaveText("Inactive");
  await user.goto("/apps");
  await expect(user).toHaveURL(/\/signin/);
  await signIn(user, { login: LOGIN, password: OWN_PASSWORD });
  await expect(user.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
  await user.context().close();

  await page.goto(`/audit?q=${encodeURIComponent(LOGIN)}`);
  const actions = await page.getByTestId("audit-event").locator("span.font-semibold").allTextContents();
  expect(actions).toEqual(expect.arrayContaining(["user.create", "user.signOutEverywhere", "user.setRole", "user.changePassword", "user.deactivate"]));

  const reviewer = await (await browser.newContext()).newPage();
  await signInAs(reviewer, "reviewer");
  await expect(reviewer.getByRole("link", { name: "Users" })).toHaveCount(0);
  await reviewer.goto("/users");
  await expect(reviewer.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  const created = await postAction(reviewer, "/users", serverActionId("lib/actions/create-user.ts", "createUserAction"), { Login: "evil", DisplayName: "Evil", ConsoleRole: "Administrator" });
  expect(created.text).toContain('"code":"FORBIDDEN"');
  await reviewer.context().close();
});
