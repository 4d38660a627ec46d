// apps enable|disable <ApplicationUri>: the kill switch from the command line.
import { findAppIdByUri, setEnabled } from "@/lib/db/app-mutations";
import { CLI_ACTOR, CliError, parseArgs, withDb, type CommandResult } from "../io";

export async function toggle(args: string[], enabled: boolean): Promise<CommandResult> {
  const { positional } = parseArgs(args, {});
  const [uri] = positional;
  if (!uri || positional.length > 1) throw new CliError(`Usage: npm run apps -- ${enabled ? "enable" : "disable"} <ApplicationUri>`);
  return withDb(async ({ db }) => {
    const id = await findAppIdByUri(db, uri);
    const result = await setEnabled(db, CLI_ACTOR, id, enabled);
    const state = enabled ? "enabled" : "disabled";
    return { exitCode: 0, stdout: result.changed ? `${uri} ${state}.` : `${uri} was already ${state}.` };
  });
}
