#!/usr/bin/env node
// npm run dev | npm start: prepare the database (migrate + idempotent seed, printing the
// sign-in the first time), then run Next.js. Works with no configuration at all: the
// embedded database goes to ./data and a session secret is generated there once.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import "dotenv/config";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

process.env.NEXTAUTH_URL ||= `http://localhost:${process.env.PORT || 3000}`;
if (!process.env.NEXTAUTH_SECRET) {
  // A per-installation secret, kept beside the embedded database (never committed).
  const file = path.join(root, "data", "nextauth-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}
if (!process.env.TOKEN_KEY_ENCRYPTION_SECRET) {
  // Encrypts the token signing keys in the database; same treatment as the session secret.
  const file = path.join(root, "data", "token-key-encryption-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.TOKEN_KEY_ENCRYPTION_SECRET = readFileSync(file, "utf8").trim();
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

const seeded = spawnSync(bin("tsx"), ["prisma/seed.ts"], { stdio: "inherit", env: process.env });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

if (mode === "start" && !existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}

// dev: Next's own server; start: scripts/server.mjs (Next plus the OAuth endpoints on node:http).
const [command, args] =
  mode === "dev"
    ? [bin("next"), ["dev", ...(process.env.PORT ? ["--port", process.env.PORT] : [])]]
    : [process.execPath, [path.join(root, "scripts", "server.mjs")]];
// TAC_SERVER_LOG=<file>: also copy the server's output into that file (npm test scans the e2e
// run's log for the secrets it created: scripts/scan-logs.ts).
const logFile = process.env.TAC_SERVER_LOG ? createWriteStream(process.env.TAC_SERVER_LOG, { flags: "a" }) : null;
const child = spawn(command, args, {
  stdio: logFile ? ["inherit", "pipe", "pipe"] : "inherit",
  env: mode === "dev" ? process.env : { ...process.env, NODE_ENV: "production" },
});
if (logFile) {
  child.stdout.on("data", (d) => (process.stdout.write(d), logFile.write(d)));
  child.stderr.on("data", (d) => (process.stderr.write(d), logFile.write(d)));
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
