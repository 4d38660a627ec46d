// apps lint [--format text|json|sarif] [--min-severity error|warning|info] [--file apps.json]
// Lints every app in the configured database, or the apps of an exported JSON / Domain API
// OData file, with the same policy the console and the token endpoint use. Exit code 1 when
// any error finding exists: what a CI pipeline runs.
import { readFile } from "node:fs/promises";
import { policyOptions } from "@/lib/env";
import { listAllApps, toPolicyApp } from "@/lib/db/apps";
import { lintFleet, RULES } from "@/lib/policy";
import { SEVERITIES, type PolicyApp } from "@/lib/policy/types";
import { parseInterchange } from "@/lib/schemas/interchange";
import { flatten, formatJson, formatSarif, formatText } from "../format/findings";
import { CliError, oneOf, parseArgs, withDb, type CommandResult } from "../io";

async function appsFromFile(file: string): Promise<PolicyApp[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseInterchange(json);
  if (!parsed.ok) throw new CliError(`${file} is not a valid export:\n${parsed.errors.map((e) => `  ${e}`).join("\n")}`);
  return parsed.records.map((r) => r.policyApp);
}

export async function lint(args: string[]): Promise<CommandResult> {
  const { positional, options } = parseArgs(args, { format: true, "min-severity": true, file: true });
  if (positional.length) throw new CliError(`Unexpected argument "${positional[0]}".`);
  const format = oneOf("format", options.get("format"), ["text", "json", "sarif"] as const, "text");
  const min = oneOf("min-severity", options.get("min-severity"), SEVERITIES, "info");
  const file = options.get("file");
  if (file === true) throw new CliError("Option --file needs a value.");

  const apps = file ? await appsFromFile(file) : await withDb(async ({ db }) => (await listAllApps(db)).map(toPolicyApp));
  const results = lintFleet(apps, policyOptions()).map((r) => ({ applicationUri: r.app.ApplicationUri, findings: r.findings }));
  const findings = flatten(results, min);
  const hasError = results.some((r) => r.findings.some((f) => f.severity === "error"));
  const stdout =
    format === "json" ? formatJson(findings) : format === "sarif" ? JSON.stringify(formatSarif(findings, RULES), null, 2) : formatText(findings, apps.length);
  return { exitCode: hasError ? 1 : 0, stdout };
}
