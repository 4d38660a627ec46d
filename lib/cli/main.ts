// npm run apps -- <command>: the command-line side of the console. Works on the configured
// database (DATABASE_URL, or the embedded one when no server holds it).
import "dotenv/config";
import { lint } from "./commands/lint";
import { rules } from "./commands/rules";
import { exportApps } from "./commands/export";
import { importApps } from "./commands/import";
import { rotateSecretCommand } from "./commands/rotate-secret";
import { toggle } from "./commands/toggle";
import { rotateKeyCommand } from "./commands/rotate-key";
import { usersCommand } from "./commands/users";
import { CliError, type CommandResult } from "./io";

const USAGE = `Usage: npm run apps -- <command> [options]

Commands:
  lint [--format text|json|sarif] [--min-severity error|warning|info] [--file apps.json]
        Lint every app (or an exported JSON / Domain API OData file). Exit 1 if any error finding.
  rules [--format text|json]          List the policy rules with their documentation.
  export [--file out.json]            Write every app (seed attribute names; never a secret or hash).
  import <file.json>                  Upsert apps by ApplicationUri from an export or an OData response.
  rotate-secret <ApplicationUri> [--grace none|1h|24h|7d] [--json]
                                      Generate a new client secret (shown once).
  rotate-key [--announce <seconds>] [--alg ES256|RS256] [--json]
                                      Rotate the token signing key (published first, used later).
  enable <ApplicationUri>             Turn the app on.
  disable <ApplicationUri>            Kill switch: turn the app off at once.
  users <list|add|set-password|set-role|deactivate|activate|sign-out> …
                                      Console users (npm run apps -- users help).
`;

const COMMANDS: Record<string, (args: string[]) => Promise<CommandResult>> = {
  lint,
  rules,
  export: exportApps,
  import: importApps,
  "rotate-secret": rotateSecretCommand,
  "rotate-key": rotateKeyCommand,
  enable: (args) => toggle(args, true),
  disable: (args) => toggle(args, false),
  users: usersCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  const result = await command(args);
  if (result.stdout) process.stdout.write(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}\n`);
  if (result.stderr) process.stderr.write(result.stderr.endsWith("\n") ? result.stderr : `${result.stderr}\n`);
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const e = error as Error;
    // Clear messages for expected problems (e.g. the embedded database is in use).
    process.stderr.write(`${e?.name === "EmbeddedDatabaseInUseError" ? e.message : `Error: ${e?.message ?? String(error)}`}\n`);
    process.exitCode = 1;
  },
);
