// apps rotate-secret <ApplicationUri> [--grace none|1h|24h|7d] [--json]
// Prints the new secret once; only its SHA-256 is stored.
import { findAppIdByUri, GRACE_PERIODS, rotateSecret, type GracePeriod } from "@/lib/db/app-mutations";
import { CLI_ACTOR, CliError, oneOf, parseArgs, withDb, type CommandResult } from "../io";

export async function rotateSecretCommand(args: string[]): Promise<CommandResult> {
  const { positional, options } = parseArgs(args, { grace: true, json: false });
  const [uri] = positional;
  if (!uri || positional.length > 1) {
    throw new CliError("Usage: npm run apps -- rotate-secret <ApplicationUri> [--grace none|1h|24h|7d] [--json]");
  }
  const grace = oneOf("grace", options.get("grace"), Object.keys(GRACE_PERIODS) as GracePeriod[], "none");
  return withDb(async ({ db }) => {
    const id = await findAppIdByUri(db, uri);
    const result = await rotateSecret(db, CLI_ACTOR, id, grace);
    if (options.has("json")) {
      return { exitCode: 0, stdout: JSON.stringify({ applicationUri: result.applicationUri, secret: result.secret }) };
    }
    const previous = result.previousSecretExpiresUtc
      ? `The previous secret stays valid until ${result.previousSecretExpiresUtc.toISOString()}.`
      : "The previous secret no longer works.";
    return {
      exitCode: 0,
      stdout: [
        `New client secret for ${result.applicationUri} (shown once; only its SHA-256 hash is stored):`,
        "",
        `  ${result.secret}`,
        "",
        previous,
      ].join("\n"),
    };
  });
}
