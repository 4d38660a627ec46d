import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { appIdOf, authorizeUrl, signInAs } from "./fixtures";

// An axe scan of every console page, light and dark, at 1280 px and 390 px: no serious or
// critical violations, and no horizontal overflow of the page itself.
async function scan(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${label}: page scrolls horizontally`).toBeLessThanOrEqual(1);
  expect(await page.locator("main").count(), `${label}: one <main>, never nested`).toBe(1);
}

// Ten pages and ten axe runs per test: well past the default 30 s on a loaded 2-core machine.
test.describe.configure({ timeout: 120_000 });

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test(`console pages pass axe (${colorScheme}, ${width}px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.goto("/signin");
      await scan(page, "/signin");
      await signInAs(page, "admin");
      const id = await appIdOf(page, "com.example/field-service");
      const pages = [
        "/apps",
        `/apps/${id}`,
        `/apps/${id}?tab=history`,
        `/apps/${id}/edit`,
        "/apps/new",
        "/apps/new?template=hybrid",
        "/review",
        "/audit",
        "/explain",
        "/users",
        "/account/password",
        "/apps/00000000-0000-4000-8000-000000000000", // not found, inside the console
      ];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        await scan(page, path);
      }
      // The 403 page, as a reviewer meets it.
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/signin/);
      await signInAs(page, "reviewer");
      await page.goto("/users");
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      await scan(page, "/users as reviewer");
    });
  }
}

// The identity server's sign-in and consent pages, which people outside the console meet.
for (const colorScheme of ["light", "dark"] as const) {
  test(`identity server pages pass axe (${colorScheme}, 390px)`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme });
    await page.goto(authorizeUrl("com.example/field-service", "https://field.example.com/signin-oidc", "openid profile read").url);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await scan(page, "/id/signin");
    await page.getByLabel("User name").fill("jdoe");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("id-error")).toBeVisible();
    await scan(page, "/id/signin with an error");
    await page.getByLabel("Password").fill("user-change-me");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/id\/consent\//);
    await scan(page, "/id/consent");
  });
}
