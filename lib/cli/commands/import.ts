// apps import <file.json>: upserts apps by ApplicationUri from an export or a Domain API OData
// response, in one transaction (a structurally invalid record is reported with its index and
// field, and nothing is written), then prints the policy findings of what it imported.
// Imported apps may carry findings of any severity: the console holds and shows them.
import { readFile } from "node:fs/promises";
import { policyOptions } from "@/lib/env";
import { listAllApps, toPolicyApp } from "@/lib/db/apps";
import { importApps as importRecords, MutationError } from "@/lib/db/app-mutations";
import { lintFleet } from "@/lib/policy";
import { parseInterchange } from "@/lib/schemas/interchange";
import { flatten, formatText } from "../format/findings";
import { CLI_ACTOR, CliError, parseArgs, withDb, type CommandResult } from "../io";

export async function importApps(args: string[]): Promise<CommandResult> {
  const { positional } = parseArgs(args, {});
  const [file] = positional;
  if (!file || positional.length > 1) throw new CliError("Usage: npm run apps -- import <file.json>");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseInterchange(json);
  if (!parsed.ok) {
    return { exitCode: 1, stderr: `Nothing was imported; ${file} has invalid records:\n${parsed.errors.map((e) => `  ${e}`).join("\n")}` };
  }
  return withDb(async ({ db }) => {
    let result: { created: string[]; updated: string[] };
    try {
      result = await importRecords(db, CLI_ACTOR, parsed.records);
    } catch (error) {
      if (error instanceof MutationError) return { exitCode: 1, stderr: `Nothing was imported: ${error.message}` };
      throw error;
    }
    const imported = new Set([...result.created, ...result.updated]);
    const fleet = lintFleet((await listAllApps(db)).map(toPolicyApp), policyOptions()).filter((r) => imported.has(r.app.ApplicationUri));
    const findings = flatten(fleet.map((r) => ({ applicationUri: r.app.ApplicationUri, findings: r.findings })), "info");
    return {
      exitCode: 0,
      stdout: [
        `Imported ${imported.size} applications (${result.created.length} created, ${result.updated.length} updated).`,
        "",
        formatText(findings, imported.size),
      ].join("\n"),
    };
  });
}
