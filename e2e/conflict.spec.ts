import { expect, test } from "@playwright/test";
import { appIdOf, signInAs } from "./fixtures";

test("a second admin saving over a newer version gets the conflict message and keeps their edits", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signInAs(first, "admin");
  await signInAs(second, "admin");
  const id = await appIdOf(first, "com.example/internal-dashboard");
  await first.goto(`/apps/${id}/edit`);
  await second.goto(`/apps/${id}/edit`);

  await first.getByLabel("Notes").fill("First admin's note");
  await first.getByRole("button", { name: "Review and save" }).click();
  await first.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(first.getByRole("heading", { level: 1, name: "com.example/internal-dashboard" })).toBeVisible();

  await second.getByLabel("Notes").fill("Second admin's note");
  await second.getByRole("button", { name: "Review and save" }).click();
  await second.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(second.getByTestId("form-banner")).toContainText(/was changed by admin at .* Reload/);
  await expect(second.getByLabel("Notes")).toHaveValue("Second admin's note");

  await first.reload();
  await expect(first.getByText("First admin's note")).toBeVisible();
});
