import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

// List state lives in the URL (Back, reload and a shared link restore the view); small
// screens get cards; times are shown in the reader's own zone.
test.beforeEach(async ({ page }) => {
  await signInAs(page, "admin");
});

test("the apps list keeps its search, filters and sort in the URL: reload, Back and a shared link restore them", async ({ page, browser }) => {
  await page.goto("/apps");
  await page.getByLabel("Search ApplicationUri or Name").fill("example");
  await page.getByLabel("Client type").selectOption("Confidential");
  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/\/apps\?.*q=example/);
  await expect(page).toHaveURL(/clientType=Confidential/);
  await expect(page).toHaveURL(/sort=name/);
  const url = page.url();
  const rows = page.getByTestId("app-row");
  await expect(rows).toHaveCount(3);
  const firstCells = page.locator('[data-testid="app-row"] td:first-child');
  const names = await firstCells.allTextContents();

  await page.reload();
  await expect(page.getByLabel("Search ApplicationUri or Name")).toHaveValue("example");
  await expect(page.getByLabel("Client type")).toHaveValue("Confidential");
  await expect(rows).toHaveCount(3);

  await rows.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect(page.getByLabel("Sort by")).toHaveValue("name");
  await expect(firstCells).toHaveText(names);

  const shared = await browser.newPage();
  await signInAs(shared, "reviewer");
  await shared.goto(url);
  await expect(shared.getByLabel("Client type")).toHaveValue("Confidential");
  await expect(shared.getByTestId("app-row")).toHaveCount(3);
  await shared.close();
});

test("the review dashboard's severity chips and selects are one state", async ({ page }) => {
  await page.goto("/review");
  await page.getByTestId("severity-warning").click();
  await expect(page).toHaveURL(/severity=warning/);
  await expect(page.getByLabel("Severity", { exact: true })).toHaveValue("warning");
  const rule = await page.getByLabel("Rule", { exact: true }).locator("option").nth(1).getAttribute("value");
  await page.getByLabel("Rule", { exact: true }).selectOption(rule!);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`severity=warning.*rule=${rule}|rule=${rule}.*severity=warning`));
  for (const row of await page.getByTestId("review-row").all()) await expect(row).toContainText("warning");
  await page.reload();
  await expect(page.getByLabel("Severity", { exact: true })).toHaveValue("warning");
  await expect(page.getByLabel("Rule", { exact: true })).toHaveValue(rule!);
});

test("the audit log's filters are in the URL", async ({ page }) => {
  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("app.create");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=app\.create/);
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("app.create");
  for (const e of await page.getByTestId("audit-event").all()) await expect(e).toContainText("app.create");
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the apps and review tables are stacked cards, and the header stays small", async ({ page }) => {
    for (const [path, row] of [["/apps", "app-row"], ["/review", "review-row"]] as const) {
      await page.goto(path);
      const first = page.getByTestId(row).first();
      await expect(first).toBeVisible();
      const box = (await first.boundingBox())!;
      expect(box.width, `${path}: a row fits the screen`).toBeLessThanOrEqual(390);
      expect(await first.locator("td").first().evaluate((td) => getComputedStyle(td).display)).toBe("block");
      const header = (await page.locator("header").first().boundingBox())!;
      expect(header.height, `${path}: header height`).toBeLessThan(844 / 8);
    }
  });
});

test.describe("in Tokyo, in German", () => {
  test.use({ timezoneId: "Asia/Tokyo", locale: "de-DE" });

  test("times are shown in the reader's zone and locale, with UTC on hover", async ({ page }) => {
    await page.goto("/audit");
    const time = page.getByTestId("audit-event").first().locator("time");
    const iso = (await time.getAttribute("datetime"))!;
    const expected = await page.evaluate((v) => new Date(v).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }), iso);
    await expect(time).toHaveText(expected);
    await expect(time).toHaveAttribute("title", `${iso.replace("T", " ").replace(/\.\d+Z$/, "")} UTC`);
    expect(expected).not.toContain("T");
  });
});
