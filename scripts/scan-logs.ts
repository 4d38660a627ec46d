// npm test, after Playwright: no secret the e2e specs created appears in the server's log.
// Inputs (written during the e2e run): test-results/e2e-secrets.jsonl (e2e/fixtures.ts
// recordSecret) and test-results/e2e-server.log (the web server's output, scripts/start.mjs
// with TAC_SERVER_LOG). Prints the kinds that leaked, never the values; exits 1 on a leak, or
// when either input is missing or empty (then the scan would prove nothing).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findLeaks, parseRecorded } from "../lib/observability/log-scan";

const results = path.resolve(import.meta.dirname, "..", "test-results");
const secretsFile = path.join(results, "e2e-secrets.jsonl");
const logFile = path.join(results, "e2e-server.log");
for (const file of [secretsFile, logFile]) {
  if (!existsSync(file) || readFileSync(file, "utf8").trim() === "") {
    console.error(`log scan: ${path.relative(process.cwd(), file)} is missing or empty; run the e2e tests first.`);
    process.exit(1);
  }
}
const secrets = parseRecorded(readFileSync(secretsFile, "utf8"));
const log = readFileSync(logFile, "utf8");
const leaks = findLeaks(secrets, log);
const kinds = [...new Set(secrets.map((s) => s.kind))].sort();
if (leaks.length > 0) {
  console.error(`log scan: FAILED - the server log holds ${leaks.map((l) => `${l.count} ${l.kind}(s)`).join(", ")} created by the e2e run.`);
  process.exit(1);
}
console.log(`log scan: none of the ${secrets.length} secrets the e2e run created (${kinds.join(", ")}) is in the server log (${log.split("\n").length} lines).`);
