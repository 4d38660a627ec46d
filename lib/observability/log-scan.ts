// The log scan of a whole e2e run (scripts/scan-logs.ts, run by npm test after Playwright): every
// secret, password, token and code the specs created is looked for in the server's log, as it is
// and in the forms a careless log line would take (its SHA-256 in hex or base64url, its base64,
// its percent-encoding). What leaked is reported by kind, never by value.
import { createHash } from "node:crypto";

export interface RecordedSecret {
  /** What it is ("client secret", "access token", "password", …): the only thing reported. */
  kind: string;
  value: string;
}

/** Shorter values are too likely to occur by chance (and none of ours are this short). */
export const MIN_SECRET_LENGTH = 8;

export function leakForms(value: string): string[] {
  const sha = createHash("sha256").update(value).digest();
  return [...new Set([value, sha.toString("hex"), sha.toString("base64url"), sha.toString("base64"), Buffer.from(value).toString("base64"), encodeURIComponent(value)])];
}

/** The kinds of the recorded values found in `log` (with how many of each), or an empty list. */
export function findLeaks(secrets: readonly RecordedSecret[], log: string): { kind: string; count: number }[] {
  const leaked = new Map<string, number>();
  for (const { kind, value } of secrets) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    if (leakForms(value).some((form) => log.includes(form))) leaked.set(kind, (leaked.get(kind) ?? 0) + 1);
  }
  return [...leaked].map(([kind, count]) => ({ kind, count }));
}

/** Parses the recorded secrets (one JSON object per line); malformed lines are errors. */
export function parseRecorded(text: string): RecordedSecret[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const r = JSON.parse(line) as Partial<RecordedSecret>;
      if (typeof r.kind !== "string" || typeof r.value !== "string") throw new Error(`line ${i + 1}: not a recorded secret`);
      return { kind: r.kind, value: r.value };
    });
}
