import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

// The token decision explainer: an administrator sees, step by step, whether the token
// endpoint would issue a token and which rule would refuse it.
/** The application field searches the apps list as you type; pick the match. */
async function pickApp(page: Page, uri: string) {
  await page.getByRole("combobox", { name: "Application" }).fill(uri);
  await page.getByRole("option", { name: new RegExp(`^${uri.replace(/[./]/g, "\\$&")} `) }).click();
  await expect(page.getByRole("combobox", { name: "Application" })).toHaveValue(new RegExp(`^${uri.replace(/[./]/g, "\\$&")} — `));
}

test.describe("token decision explainer", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/explain");
    await expect(page.getByRole("heading", { name: "Token decision explainer" })).toBeVisible();
  });

  test("a service app gets a token; a reserved scope is refused by its rule", async ({ page }) => {
    await pickApp(page, "com.example/inventory-sync");
    await page.getByLabel("Grant type").selectOption("client_credentials");
    await page.getByLabel("Requested scope").fill("read");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toHaveText("A token would be issued to com.example/inventory-sync.");
    await expect(page.getByTestId("step-issue")).toContainText('sub "svc-integration"');
    await expect(page.getByTestId("step-secret")).toHaveAttribute("data-status", "skipped");

    await page.getByLabel("Requested scope").fill("read sec");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: invalid_scope (TA-REQ-SCOPE-SEC)");
    await expect(page.getByTestId("step-scope")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("refusing-rule")).toHaveText("TA-REQ-SCOPE-SEC");
    await expect(page.getByTestId("step-issue")).toHaveAttribute("data-status", "not_reached");
  });

  test("an interactive-only app may not use client credentials; a public client picks 'none'", async ({ page }) => {
    await pickApp(page, "com.example/internal-dashboard");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: unauthorized_client");
    await expect(page.getByTestId("step-grant_allowed")).toHaveAttribute("data-status", "fail");

    // By keyboard: type, wait for this search's results, Enter picks the first.
    await page.getByRole("combobox", { name: "Application" }).fill("com.example/customer-portal");
    await expect(page.getByRole("listbox", { name: "Applications" })).toHaveAttribute("aria-busy", "false");
    await page.getByRole("combobox", { name: "Application" }).press("Enter");
    await expect(page.getByRole("combobox", { name: "Application" })).toHaveValue(/^com\.example\/customer-portal — /);
    await expect(page.getByLabel("Client authentication")).toHaveValue("none");
    await page.getByLabel("Grant type").selectOption("password");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: unsupported_grant_type");
  });

  test("a user's sign-in: the authorization endpoint, the user and the token endpoint, step by step", async ({ page }) => {
    await pickApp(page, "com.example/internal-dashboard");
    await page.getByLabel("Grant type").selectOption("authorization_code");
    await page.getByLabel("Requested scope").fill("openid profile read");
    await page.getByLabel("User (login)").fill("partner.anna");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: access_denied (TA-REQ-USER-TYPE)");
    await expect(page.getByTestId("step-authorize-redirect_uri")).toHaveAttribute("data-status", "pass");
    await expect(page.getByTestId("step-user-sign-in")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("step-issue")).toHaveAttribute("data-status", "not_reached");

    await page.getByLabel("User (login)").fill("jdoe");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toHaveText("A token would be issued to com.example/internal-dashboard.");
    await expect(page.getByTestId("step-issue")).toContainText("an ID token");

    await page.getByLabel("Redirect URI").fill("https://evil.example.net/cb");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: invalid_request (TA-REQ-REDIRECT-UNREGISTERED)");
    await expect(page.getByTestId("step-authorize-redirect_uri")).toContainText("on the identity server's own page (no redirect)");

    await page.getByLabel("Grant type").selectOption("refresh_token");
    await page.getByLabel("Requested scope").fill("");
    await pickApp(page, "com.example/customer-portal");
    await page.getByLabel("User (login)").fill("partner.anna");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: unauthorized_client (TA-REQ-REFRESH-PUBLIC)");
  });
});
