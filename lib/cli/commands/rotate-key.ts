// apps rotate-key [--announce <seconds>] [--alg ES256|RS256] [--json]
// Rotates the token signing key (lib/oauth/keys/keys.ts): the new key is published in the JWKS at
// once and signs from `--announce` seconds on (default 3600); the current key keeps being
// published until the last token it signed has expired. --announce 0 after a key compromise.
import { configFromEnv } from "@/lib/oauth/server";
import { DEFAULT_ANNOUNCE_SECONDS, KeyConfigurationError, rotateSigningKey } from "@/lib/oauth/keys/keys";
import { SIGNING_ALGS, type SigningAlg } from "@/lib/oauth/tokens/jwt";
import { CliError, oneOf, parseArgs, withDb, type CommandResult } from "../io";

export async function rotateKeyCommand(args: string[]): Promise<CommandResult> {
  const { positional, options } = parseArgs(args, { announce: true, alg: true, json: false });
  if (positional.length > 0) throw new CliError("Usage: npm run apps -- rotate-key [--announce <seconds>] [--alg ES256|RS256] [--json]");
  const rawAnnounce = options.get("announce");
  const announceSeconds = rawAnnounce === undefined ? DEFAULT_ANNOUNCE_SECONDS : Number(rawAnnounce);
  if (!Number.isInteger(announceSeconds) || announceSeconds < 0) throw new CliError("--announce must be a whole number of seconds >= 0.");
  const config = configFromEnv().keys;
  const alg = oneOf<SigningAlg>("alg", options.get("alg"), SIGNING_ALGS, config.alg);
  return withDb(async ({ db }) => {
    try {
      const r = await rotateSigningKey(db, config, { announceSeconds, alg });
      if (options.has("json")) return { exitCode: 0, stdout: JSON.stringify(r) };
      const lines = [`New ${r.alg} signing key ${r.kid}: published now, signs from ${r.activatesUtc.toISOString()}.`];
      if (r.retired) {
        lines.push(`Key ${r.retired.kid} signs until then and stays published until ${r.retired.expiresUtc.toISOString()}.`);
      }
      if (r.deletedExpired > 0) lines.push(`Deleted ${r.deletedExpired} expired key(s).`);
      return { exitCode: 0, stdout: lines.join("\n") };
    } catch (error) {
      if (error instanceof KeyConfigurationError) throw new CliError(error.message, 1);
      throw error;
    }
  });
}
