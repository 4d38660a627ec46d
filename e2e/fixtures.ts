import { expect, type Page } from "@playwright/test";

export const USERS = {
  admin: { login: "admin", password: "admin-change-me", name: "Console administrator", role: "Administrator" },
  reviewer: { login: "reviewer", password: "reviewer-change-me", name: "Security reviewer", role: "Security reviewer" },
  user: { login: "jdoe", password: "user-change-me" },
} as const;

export const SEEDED_APPS = [
  "com.example/internal-dashboard",
  "com.example/inventory-sync",
  "com.example/customer-portal",
  "com.example/field-service",
] as const;

export async function signIn(page: Page, who: { login: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Login").fill(who.login);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, who: keyof typeof USERS & ("admin" | "reviewer")) {
  await signIn(page, USERS[who]);
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByTestId("current-user")).toHaveText(USERS[who].name);
}
