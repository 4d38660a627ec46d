import { expect, test, type Page } from "@playwright/test";
import { signInAs, storeSecret } from "./fixtures";

// The administrator's day in the console (issue 4), in order: one shared database.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const TEMPLATE_APPS = [
  { template: "Interactive web application (server-side)", uri: `com.e2e${run}/portal`, secret: true, redirects: true },
  { template: "Single-page or native application", uri: `com.e2e${run}/spa`, secret: false, redirects: true },
  { template: "Service or integration application", uri: `com.e2e${run}/sync`, secret: true, redirects: false },
  { template: "Hybrid app (interactive + service)", uri: `com.e2e${run}/hybrid`, secret: true, redirects: true },
];

async function confirmReview(page: Page, label: RegExp) {
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("risk-diff")).toBeVisible();
  const ack = dialog.getByLabel(/I acknowledge the/);
  if (await ack.isVisible()) await ack.check();
  await dialog.getByRole("button", { name: label }).click();
}

async function openApp(page: Page, uri: string) {
  await page.goto("/apps");
  await page.getByLabel("Search ApplicationUri or Name").fill(uri);
  await page.getByRole("link", { name: uri }).click();
  await expect(page.getByRole("heading", { level: 1, name: uri })).toBeVisible();
}

test("an administrator registers each of the four template apps", async ({ page }) => {
  await signInAs(page, "admin");
  for (const app of TEMPLATE_APPS) {
    await page.goto("/apps/new");
    await page.getByRole("link", { name: new RegExp(app.template.replace(/[()+]/g, ".")) }).click();
    await page.getByLabel("ApplicationUri (client_id)").fill(app.uri);
    await page.getByLabel("Name", { exact: true }).fill(`E2E ${app.template}`);
    if (app.redirects) {
      // The template shows example URIs as placeholders only; the app's own are typed in.
      await expect(page.getByLabel("ImpersonateLoginUrl 1", { exact: true })).toHaveValue("");
      await expect(page.getByLabel("ImpersonateLoginUrl 1", { exact: true })).toHaveAttribute("placeholder", /^https:\/\/\w+\.example\.com\//);
      const host = `${app.uri.split("/")[1]}-${run}.vendor.com`;
      await page.getByLabel("ImpersonateLoginUrl 1", { exact: true }).fill(`https://${host}/signin-oidc`);
      await page.getByLabel("ImpersonateLogoutUrl 1", { exact: true }).fill(`https://${host}/`);
    }
    await page.getByRole("button", { name: "Review and register" }).click();
    await confirmReview(page, /^Register$/);
    if (app.secret) {
      await expect(page.getByTestId("one-time-secret")).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
      await storeSecret(page);
    }
    await expect(page.getByRole("heading", { level: 1, name: app.uri })).toBeVisible();
  }
  await page.goto("/apps");
  await page.getByLabel("Search ApplicationUri or Name").fill(`com.e2e${run}`);
  await expect(page.getByTestId("app-row")).toHaveCount(4);
});

test("editing shows findings change live and saves through the risk diff", async ({ page }) => {
  await signInAs(page, "admin");
  await openApp(page, TEMPLATE_APPS[1]!.uri);
  await page.getByRole("link", { name: "Edit" }).click();
  const live = page.getByTestId("live-findings");
  await expect(live.locator('[data-rule-id="TA-REDIRECT-HTTPS"]')).toHaveCount(0);

  await page.getByLabel("ImpersonateLoginUrl 1", { exact: true }).fill("http://portal.example.com/callback");
  await expect(live.locator('[data-rule-id="TA-REDIRECT-HTTPS"]')).toHaveCount(1);
  await page.getByLabel("ImpersonateLoginUrl 1", { exact: true }).fill("https://portal.example.com/callback2");
  await expect(live.locator('[data-rule-id="TA-REDIRECT-HTTPS"]')).toHaveCount(0);

  await expect(live.locator('[data-rule-id="TA-SCOPE-UPDATE"]')).toHaveCount(0);
  await page.getByRole("checkbox", { name: /^update/ }).check();
  await expect(live.locator('[data-rule-id="TA-SCOPE-UPDATE"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Review and save" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("risk-diff").locator('[data-rule-id="TA-SCOPE-UPDATE"]')).toHaveCount(1);
  await confirmReview(page, /^Save$/);
  await expect(page.getByRole("heading", { level: 1, name: TEMPLATE_APPS[1]!.uri })).toBeVisible();
  await expect(page.getByText("read update")).toBeVisible();
});

test("a structural error blocks the save with a field-level message", async ({ page }) => {
  await signInAs(page, "admin");
  await openApp(page, TEMPLATE_APPS[1]!.uri);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("ImpersonateLoginUrl 1", { exact: true }).fill("not a url");
  await page.getByRole("button", { name: "Review and save" }).click();
  await expect(page.getByText(/Login redirect URI 1 (must not contain spaces|is not an absolute URL)/)).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("a secret is rotated, copied once from the dialog and never shown again", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, "admin");
  const uri = TEMPLATE_APPS[2]!.uri;
  await openApp(page, uri);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByLabel("24 hours").check();
  await page.getByRole("button", { name: "Generate new secret" }).click();
  const field = page.getByTestId("one-time-secret");
  await expect(field).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  const secret = await field.inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("dialog").getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await storeSecret(page);

  await expect(page.getByTestId("secret-info")).toContainText(/valid until/);
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await page.goto(`${page.url().split("?")[0]}?tab=history`);
  await expect(page.getByTestId("history-event").first()).toContainText("app.rotateSecret");
  expect(await page.content()).not.toContain(secret);
});

test("the kill switch disables and re-enables an app, with confirmation", async ({ page }) => {
  await signInAs(page, "admin");
  const uri = TEMPLATE_APPS[0]!.uri;
  await openApp(page, uri);
  await page.getByRole("button", { name: `Disable ${uri}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: `Enable ${uri}` })).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: `Enable ${uri}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("button", { name: `Disable ${uri}` })).toBeVisible();
});

test("an earlier version is restored from the history", async ({ page }) => {
  await signInAs(page, "admin");
  const uri = TEMPLATE_APPS[1]!.uri;
  await openApp(page, uri);
  await expect(page.getByText("read update")).toBeVisible();
  await page.getByRole("link", { name: "History" }).click();
  const created = page.getByTestId("history-event").filter({ hasText: "app.create" });
  await created.getByRole("button", { name: "Restore this version" }).click();
  await confirmReview(page, /^Restore$/);
  await expect(page.getByTestId("history-event").first()).toContainText("app.restore");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("read update")).toHaveCount(0);
});

test("an app is deleted only after its ApplicationUri is typed", async ({ page }) => {
  await signInAs(page, "admin");
  const uri = TEMPLATE_APPS[3]!.uri;
  await openApp(page, uri);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete permanently" })).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill("com.wrong/app");
  await expect(dialog.getByRole("button", { name: "Delete permanently" })).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(uri);
  await dialog.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await page.getByLabel("Search ApplicationUri or Name").fill(uri);
  await expect(page.getByText("No applications match.")).toBeVisible();
});
