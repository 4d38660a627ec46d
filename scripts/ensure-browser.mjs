#!/usr/bin/env node
// Finds or provides the Chromium the Playwright specs run in, before any test runs (npm test
// calls it first; `node scripts/ensure-browser.mjs` alone prints what it found). In order:
//   1. a browser Playwright installed itself (`npx playwright install chromium` earlier);
//   2. a system Chromium: /usr/bin/chromium, chromium-browser, google-chrome;
//   3. `npx playwright install chromium`, where the machine can download it;
//   4. as root on Debian or Ubuntu, `apt-get install chromium` (chromium-browser on Ubuntu);
// each candidate is accepted only once it really starts headless and closes. Failing all, one
// line says what to install, and the exit code is 1.
// Prints the result as `E2E_CHROMIUM_PATH=<path>` on its last line (empty: Playwright's own),
// which scripts/test-all.mjs passes to playwright.config.ts.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";

/** Flags for a browser run as root on a machine without network (see playwright.config.ts). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const NO_BROWSER_MESSAGE =
  "No Chromium for the browser tests: install one with `npx playwright install chromium` (needs internet) or your system's package (`apt-get install chromium` on Debian), or set E2E_CHROMIUM_PATH to a Chromium executable.";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function onPath(name) {
  const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Starts the browser headless and closes it: true when it works. `executablePath` null: Playwright's own. */
async function works(executablePath) {
  try {
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS, timeout: 30_000 });
    await browser.close();
    return true;
  } catch {
    return false;
  }
}

async function systemChromium() {
  const candidates = [...SYSTEM_CANDIDATES, onPath("chromium"), onPath("chromium-browser"), onPath("google-chrome")];
  for (const candidate of new Set(candidates.filter(Boolean))) {
    if (existsSync(candidate) && (await works(candidate))) return candidate;
  }
  return null;
}

/** Runs an install step quietly: one line for what it does, the tail of its output if it fails. */
function run(command, args) {
  console.log(`ensure-browser: ${command} ${args.join(" ")}`);
  const r = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, timeout: 600_000 });
  if (r.status === 0) return true;
  const lines = `${r.stdout ?? ""}\n${r.stderr ?? ""}`.split("\n").map((l) => l.trim()).filter(Boolean);
  const reason = lines.find((l) => /^(error|e):/i.test(l)) ?? lines.at(-1);
  console.log(`ensure-browser: that failed${reason ? ` (${reason})` : ""}`);
  return false;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const isDebianLike = () => existsSync("/etc/debian_version") && onPath("apt-get") !== null;

/** The executable to use ("" for Playwright's own browser), or null when there is none. */
export async function ensureBrowser() {
  if (process.env.E2E_CHROMIUM_PATH && (await works(process.env.E2E_CHROMIUM_PATH))) return process.env.E2E_CHROMIUM_PATH;
  if (await works(null)) return "";
  const system = await systemChromium();
  if (system) return system;
  const bin = path.join(import.meta.dirname, "..", "node_modules", ".bin", "playwright");
  if (run(bin, ["install", "chromium"]) && (await works(null))) return "";
  if (isRoot() && isDebianLike()) {
    run("apt-get", ["update", "-qq"]);
    for (const pkg of ["chromium", "chromium-browser"]) {
      if (run("apt-get", ["install", "-y", "-qq", pkg])) {
        const installed = await systemChromium();
        if (installed) return installed;
      }
    }
  }
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const found = await ensureBrowser();
  if (found === null) {
    console.error(NO_BROWSER_MESSAGE);
    process.exit(1);
  }
  console.log(`ensure-browser: using ${found || "Playwright's own Chromium"}`);
  console.log(`E2E_CHROMIUM_PATH=${found}`);
}
