import { expect, test } from "@playwright/test";
import { SEEDED_APPS, USERS, signIn, signInAs } from "./fixtures";

test("an anonymous visitor lands on the sign-in page", async ({ page }) => {
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Trusted Apps Console" })).toBeVisible();
});

test("an administrator signs in, sees the seeded apps and signs out", async ({ page }) => {
  await signInAs(page, "admin");
  await expect(page.getByText(`(${USERS.admin.role})`)).toBeVisible();
  for (const uri of SEEDED_APPS) await expect(page.getByRole("link", { name: uri })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);
});

test("a security reviewer signs in and sees the seeded apps", async ({ page }) => {
  await signInAs(page, "reviewer");
  await expect(page.getByText(`(${USERS.reviewer.role})`)).toBeVisible();
  for (const uri of SEEDED_APPS) await expect(page.getByRole("link", { name: uri })).toBeVisible();
});

test("a user without a console role is told exactly what a wrong password is told (no password oracle)", async ({ page }) => {
  await signIn(page, USERS.user); // jdoe's right password
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await signIn(page, { login: USERS.admin.login, password: "not-the-password" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
  await signIn(page, { login: "no-such-user", password: "whatever" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
});

// /signin?callbackUrl=… : after signing in the browser stays on this origin, whatever the trick.
for (const trick of ["/%5C127.0.0.1:3399/x", "/%09/evil.test", "/%0A/evil.test", "/%5C/evil.test", "//evil.test/apps", "https://evil.test/apps"]) {
  test(`the sign-in never redirects off-site: callbackUrl=${trick}`, async ({ page, baseURL }) => {
    await signIn(page, USERS.reviewer, `/signin?callbackUrl=${trick}`);
    await expect(page).toHaveURL(`${baseURL}/apps`);
    await expect(page.getByTestId("current-user")).toHaveText(USERS.reviewer.name);
  });
}

test("a same-origin callbackUrl is honoured", async ({ page, baseURL }) => {
  await signIn(page, USERS.reviewer, `/signin?callbackUrl=${encodeURIComponent("/review?severity=warning")}`);
  await expect(page).toHaveURL(`${baseURL}/review?severity=warning`);
});

test("signing out ends the session on the server: a copied cookie no longer works", async ({ page, browser }) => {
  await signInAs(page, "reviewer");
  const stolen = await page.context().storageState();
  const thief = await browser.newContext({ storageState: stolen });
  const other = await thief.newPage();
  await other.goto("/apps");
  await expect(other.getByTestId("current-user")).toHaveText(USERS.reviewer.name); // the copy works while signed in

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await other.goto("/apps");
  await expect(other).toHaveURL(/\/signin/);
  // Nor does next-auth's session endpoint revive it.
  expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
  await thief.close();
});
