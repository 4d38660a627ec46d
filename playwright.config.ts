import { defineConfig, devices } from "@playwright/test";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS } from "./scripts/ensure-browser.mjs";

// End-to-end tests run in real Chromium against the production build (`next build` runs
// before this, see scripts/test-all.mjs) on a fresh embedded database.
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`;

// One fresh data directory per run; workers inherit it through the environment.
process.env.E2E_DATA_DIR ||= path.join(mkdtempSync(path.join(tmpdir(), "tac-e2e-")), "pglite");

// The browser: npm test finds or provides one first (scripts/ensure-browser.mjs) and names it
// in E2E_CHROMIUM_PATH ("" = Playwright's own). Run directly, Debian's Chromium where present
// (no browser download is possible on these machines), else Playwright's own.
const chromiumPath =
  process.env.E2E_CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? "";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the
  // vitest reports that scripts/test-all.mjs counts.
  outputDir: "test-results/e2e",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumPath ? { executablePath: chromiumPath, args: [...CHROMIUM_ARGS] } : {},
  },
  projects: [
    // First, against the fresh server: what only a cold start shows.
    { name: "cold-start", testMatch: /cold-start\.setup\.ts/ },
    // Then the seeded accounts choose their own passwords (every spec signs in with those).
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] }, dependencies: ["cold-start"] },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node scripts/start.mjs start",
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      PGLITE_DATA_DIR: process.env.E2E_DATA_DIR,
      DATABASE_URL: "",
      SEED_ADMIN_PASSWORD: "admin-change-me",
      SEED_REVIEWER_PASSWORD: "reviewer-change-me",
      SEED_USER_PASSWORD: "user-change-me",
      SEED_COMMUNITY_PASSWORD: "community-change-me",
      // The whole run's server log, scanned afterwards for the secrets the specs created.
      TAC_SERVER_LOG: path.resolve("test-results", "e2e-server.log"),
    },
  },
});
