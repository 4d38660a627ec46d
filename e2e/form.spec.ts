import { expect, test, type Page } from "@playwright/test";
import { appIdOf, signInAs, storeSecret } from "./fixtures";

// The app form loses nothing: Enter submits (and presses no other button), a one-time secret
// cannot be dismissed by accident, unsaved edits are not left behind silently, and what the
// server would say (a duplicate ApplicationUri, the fleet rules) is said before saving.
const run = Date.now().toString(36);

test.beforeEach(async ({ page }) => {
  await signInAs(page, "admin");
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test("Enter in a field submits the form and presses no other button", async ({ page }) => {
  await page.goto("/apps/new?template=interactive-web");
  await page.getByRole("button", { name: "Add translation" }).click();
  await field(page, "Language 1").fill("de");
  await field(page, "Translated name 1").fill("Portal");
  await field(page, "ApplicationUri (client_id)").fill(`com.e2e${run}/enter`);
  await field(page, "ApplicationUri (client_id)").press("Enter");
  // Submitted: the empty redirect URI the template leaves is named; the translation is still there.
  await expect(page.getByText("Login redirect URI 1 is empty")).toBeVisible();
  await expect(field(page, "Language 1")).toHaveValue("de");
  await field(page, "Name").fill("Enter test");
  await field(page, "Name").press("Enter");
  await expect(page.getByLabel(/^Language \d$/)).toHaveCount(1);
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("a duplicate ApplicationUri is a field error before the risk dialog", async ({ page }) => {
  await page.goto("/apps/new?template=service-integration");
  await field(page, "ApplicationUri (client_id)").fill("com.example/inventory-sync");
  await field(page, "Name").fill("Duplicate");
  await page.getByRole("button", { name: "Review and register" }).click();
  await expect(page.getByText('An application with ApplicationUri "com.example/inventory-sync" already exists.').first()).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("fleet rules show in the live findings; the new secret survives Escape and needs two clicks to close", async ({ page }) => {
  await page.goto("/apps/new?template=hybrid");
  const live = page.getByTestId("live-findings");
  await field(page, "ApplicationUri (client_id)").fill(`com.e2e${run}/shared-user`);
  await field(page, "Name").fill("Shares the seeded SystemUser");
  await field(page, "ImpersonateLoginUrl 1").fill(`https://shared-${run}.vendor.com/signin-oidc`);
  await field(page, "ImpersonateLogoutUrl 1").fill(`https://shared-${run}.vendor.com/`);
  // svc-integration is the SystemUser of the seeded service and hybrid apps already.
  await expect(live.locator('[data-rule-id="TA-SYSTEM-USER-SHARED"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Review and register" }).click();
  const review = page.getByRole("dialog");
  await review.getByLabel(/I acknowledge the/).check();
  await review.getByRole("button", { name: "Register" }).click();
  const secret = page.getByTestId("one-time-secret-dialog");
  await expect(secret).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(secret).toBeVisible();
  await secret.getByRole("button", { name: "I have stored the secret" }).click();
  await secret.getByRole("button", { name: "Back" }).click();
  await expect(secret.getByTestId("one-time-secret")).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  await storeSecret(page);
  await expect(page.getByRole("heading", { level: 1, name: `com.e2e${run}/shared-user` })).toBeVisible();
});

test("unsaved edits: following a link or Cancel asks first, and so does closing the tab", async ({ page }) => {
  const id = await appIdOf(page, "com.example/internal-dashboard");
  await page.goto(`/apps/${id}/edit`);
  await field(page, "Notes").fill("An edit not saved yet");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/unsaved changes/);
  await expect(page).toHaveURL(new RegExp(`/apps/${id}/edit$`));
  await expect(field(page, "Notes")).toHaveValue("An edit not saved yet");

  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${id}/edit$`));

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit$/);

  await page.goto(`/apps/${id}/edit`);
  await field(page, "Notes").fill("Another unsaved edit");
  const types: string[] = [];
  page.on("dialog", (d) => {
    types.push(d.type());
    void d.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => types).toEqual(["beforeunload"]);
});

test("saving without a change writes no version", async ({ page }) => {
  const id = await appIdOf(page, "com.example/customer-portal");
  await page.goto(`/apps/${id}?tab=history`);
  const before = await page.getByTestId("history-event").count();
  await page.goto(`/apps/${id}/edit`);
  await page.getByRole("button", { name: "Review and save" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Nothing has changed: there is nothing to save.");
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.goto(`/apps/${id}?tab=history`);
  await expect(page.getByTestId("history-event")).toHaveCount(before);
});

test("the SystemUser picker works by keyboard, and Enter there does not submit the form", async ({ page }) => {
  await page.goto("/apps/new?template=service-integration");
  await expect(page.getByTestId("picked-system-user")).toContainText("svc-integration");
  await page.getByTestId("picked-system-user").getByRole("button", { name: "Change" }).click();
  const box = page.getByRole("combobox", { name: "SystemUser" });
  await box.fill("svc-int");
  await expect(page.getByRole("listbox", { name: "Users" })).toHaveAttribute("aria-busy", "false");
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  await box.press("Enter");
  await expect(page.getByTestId("picked-system-user")).toContainText("svc-integration");
  await expect(page.getByText("Application URI must be at least 3 characters")).toHaveCount(0); // not submitted
  await page.getByTestId("picked-system-user").getByRole("button", { name: "Change" }).click();
  await box.fill("svc");
  await expect(page.getByRole("listbox", { name: "Users" })).toBeVisible();
  await box.press("Escape");
  await expect(page.getByRole("listbox", { name: "Users" })).toBeHidden();
});

test("closing a dialog gives the focus back to the button that opened it", async ({ page }) => {
  await page.goto(`/apps/${await appIdOf(page, "com.example/inventory-sync")}`);
  const rotate = page.getByRole("button", { name: "Rotate secret" });
  await rotate.click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(rotate).toBeFocused();
  await rotate.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(rotate).toBeFocused();
});
