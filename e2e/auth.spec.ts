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

test("a user without a console role is refused", async ({ page }) => {
  await signIn(page, USERS.user);
  await expect(page.getByTestId("sign-in-error")).toHaveText(/no access to the console/);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await signIn(page, { login: USERS.admin.login, password: "not-the-password" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
  await signIn(page, { login: "no-such-user", password: "whatever" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
});
