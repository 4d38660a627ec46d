// Shared pieces of the CLI commands: results, errors, option parsing, the database.
import { connect, type Connection } from "@/lib/db/client";
import type { AuditActor } from "@/lib/db/app-mutations";

export interface CommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

export class CliError extends Error {
  constructor(message: string, public readonly exitCode = 2) {
    super(message);
    this.name = "CliError";
  }
}

/** The actor recorded in audit events written by the CLI. */
export const CLI_ACTOR: AuditActor = { id: null, login: "cli" };

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; `known` maps option -> takes a value. */
export function parseArgs(args: readonly string[], known: Record<string, boolean>): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(rawName in known)) throw new CliError(`Unknown option --${rawName}.`);
    if (!known[rawName]) {
      options.set(rawName, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith("--")) throw new CliError(`Option --${rawName} needs a value.`);
    options.set(rawName, value);
  }
  return { positional, options };
}

export function oneOf<T extends string>(name: string, value: string | true | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value as T)) {
    throw new CliError(`--${name} must be one of: ${allowed.join(", ")}.`);
  }
  return value as T;
}

export async function withDb<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await connect();
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}
