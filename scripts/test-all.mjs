#!/usr/bin/env node
// npm test: the whole suite, in order - typecheck, unit tests, integration tests (PGlite and
// PostgreSQL), production build, system tests (production servers), Playwright in Chromium. Before any of it, when the browser
// tests are part of the run, a Chromium is found or provided (scripts/ensure-browser.mjs), so
// a machine without one fails at once with one line saying what to install. Stops at the
// first failing step and closes with one "N passed, N failed" line counted from the runners'
// JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = path.join(root, "test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ["typecheck", bin("tsc"), ["--noEmit", "-p", "."]],
  ["unit", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/unit.json`]],
  ["integration", bin("vitest"), ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/integration.json`]],
  ["build", bin("next"), ["build"]],
  ["system", bin("vitest"), ["run", "--project", "system", "--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/system.json`]],
  ["e2e", bin("playwright"), ["test"]],
  // No secret, token, code or password the e2e run created is in the server's log.
  ["log-scan", bin("tsx"), ["scripts/scan-logs.ts"]],
];

const only = process.argv.slice(2);
if (!only.length || only.includes("e2e")) {
  const { ensureBrowser, NO_BROWSER_MESSAGE } = await import("./ensure-browser.mjs");
  const browser = await ensureBrowser();
  if (browser === null) {
    console.error(NO_BROWSER_MESSAGE);
    process.exit(1);
  }
  console.log(`Browser tests run in ${browser || "Playwright's own Chromium"}.`);
  process.env.E2E_CHROMIUM_PATH = browser;
}
let failedStep = null;
const timings = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name) && !(name === "log-scan" && only.includes("e2e"))) continue;
  const start = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NODE_ENV: name === "build" ? "production" : process.env.NODE_ENV } });
  timings.push(`${name} ${((Date.now() - start) / 1000).toFixed(1)}s`);
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

function count(file, pick) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const vitestCounts = (j) => ({ passed: j.numPassedTests ?? 0, failed: j.numFailedTests ?? 0, skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) });
const playwrightCounts = (j) => ({ passed: j.stats?.expected ?? 0, failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0), skipped: j.stats?.skipped ?? 0 });
const totals = [
  count(`${results}/unit.json`, vitestCounts),
  count(`${results}/integration.json`, vitestCounts),
  count(`${results}/system.json`, vitestCounts),
  count(`${results}/e2e-results.json`, playwrightCounts),
].reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));

console.log(`\nsteps: ${timings.join(", ")}`);
if (failedStep) console.log(`FAILED at step: ${failedStep}`);
const failed = totals.failed + (failedStep && totals.failed === 0 ? 1 : 0);
console.log(`${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
