import { expect, test } from "@playwright/test";
import { changePassword, signIn, USERS } from "./fixtures";

// Before every other spec: the seeded console accounts must choose their own password at the
// first sign-in, and until then the console (pages and actions) is closed to them.
test("the seeded administrator and reviewer choose their own password at the first sign-in", async ({ page }) => {
  for (const who of [USERS.admin, USERS.reviewer]) {
    await signIn(page, { login: who.login, password: who.seeded });
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.getByTestId("must-change-password")).toBeVisible();
    await page.goto("/apps");
    await expect(page).toHaveURL(/\/account\/password$/);

    // A documented default is no password at all.
    await changePassword(page, who.seeded, "user-change-me");
    await expect(page.getByTestId("password-banner")).toContainText("Choose a stronger password");
    await expect(page.getByText("This password is publicly known: choose another")).toBeVisible();
    await changePassword(page, "not the current one", who.password);
    await expect(page.getByText("Wrong password")).toBeVisible();

    await changePassword(page, who.seeded, who.password);
    await expect(page).toHaveURL(/\/apps$/);
    await expect(page.getByTestId("current-user")).toHaveText(who.name);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
  }
  // The seeded password no longer works.
  await signIn(page, { login: USERS.admin.login, password: USERS.admin.seeded });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong login or password.");
});
