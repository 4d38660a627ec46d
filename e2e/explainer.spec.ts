import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

// The token decision explainer: an administrator sees, step by step, whether the token
// endpoint would issue a token and which rule would refuse it.
test.describe("token decision explainer", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/explain");
    await expect(page.getByRole("heading", { name: "Token decision explainer" })).toBeVisible();
  });

  test("a service app gets a token; a reserved scope is refused by its rule", async ({ page }) => {
    await page.getByLabel("Application").selectOption("com.example/inventory-sync");
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
    await page.getByLabel("Application").selectOption("com.example/internal-dashboard");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: unauthorized_client");
    await expect(page.getByTestId("step-grant_allowed")).toHaveAttribute("data-status", "fail");

    await page.getByLabel("Application").selectOption("com.example/customer-portal");
    await expect(page.getByLabel("Client authentication")).toHaveValue("none");
    await page.getByLabel("Grant type").selectOption("password");
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByTestId("explain-verdict")).toContainText("Refused: unsupported_grant_type");
  });
});
