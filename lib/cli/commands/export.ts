// apps export [--file out.json]: every app with the seed's attribute names, SystemUser by
// login, never a secret or hash.
import { writeFile } from "node:fs/promises";
import { listAllApps } from "@/lib/db/apps";
import { rowToInput } from "@/lib/db/app-mutations";
import { toInterchange } from "@/lib/schemas/interchange";
import { CliError, parseArgs, withDb, type CommandResult } from "../io";

export async function exportApps(args: string[]): Promise<CommandResult> {
  const { positional, options } = parseArgs(args, { file: true });
  if (positional.length) throw new CliError(`Unexpected argument "${positional[0]}".`);
  const file = options.get("file");
  if (file === true) throw new CliError("Option --file needs a value.");
  const records = await withDb(async ({ db }) =>
    (await listAllApps(db)).map((row) =>
      toInterchange(rowToInput(row), { secretSet: row.HasApplicationSecret, creationTimeUtc: row.CreationTimeUtc }),
    ),
  );
  const json = JSON.stringify(records, null, 2);
  if (!file) return { exitCode: 0, stdout: json };
  await writeFile(file, `${json}\n`, "utf8");
  return { exitCode: 0, stderr: `Exported ${records.length} applications to ${file}.` };
}
