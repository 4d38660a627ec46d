// apps users <list|add|set-password|set-role|deactivate|activate|sign-out> …: console users
// from the command line (the operator's way in, e.g. when no administrator can sign in).
// Passwords: read from stdin with --password-stdin (never an argument: it would sit in the
// shell history and the process list), or generated and printed once. Either way it is
// provisional: the user chooses their own at the next sign-in. Audited as "cli".
import { generateProvisionalPassword, hashPassword } from "@/lib/auth/password";
import { ROLE_LABELS, type ConsoleRoleName } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { createUser, setUserActive, setUserPassword, setUserRole, signOutEverywhere } from "@/lib/db/user-mutations";
import { findUserByLogin, listUsers } from "@/lib/db/users";
import { CONSOLE_ROLES, newPasswordSchema, NewUserSchema, USER_TYPES } from "@/lib/schemas/user";
import { CLI_ACTOR, CliError, oneOf, parseArgs, withDb, type CommandResult } from "../io";

export const USERS_USAGE = `Usage: npm run apps -- users <command>
  list [--console] [--json]                      Users, their console roles and sessions.
  add <login> --name <display name> [--role Administrator|SecurityReviewer|None] [--type Internal|Community] [--password-stdin]
  set-password <login> [--password-stdin]        A new provisional password (generated unless read from stdin).
  set-role <login> <Administrator|SecurityReviewer|None>
  deactivate <login> | activate <login>
  sign-out <login>                               End every console session of the user.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** The password to set: from stdin (checked against the password rules) or generated. */
async function providePassword(login: string, fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generateProvisionalPassword(), generated: true };
  const password = await readStdin();
  const rules = newPasswordSchema(login).safeParse(password);
  if (!rules.success) throw new CliError(`The password from stdin was refused: ${rules.error.issues.map((i) => i.message).join("; ")}.`, 1);
  return { password, generated: false };
}

async function requireUser(db: Db, login: string | undefined) {
  if (!login) throw new CliError(USERS_USAGE);
  const user = await findUserByLogin(db, login);
  if (!user) throw new CliError(`No user with login "${login}".`, 1);
  return user;
}

function passwordLines(login: string, p: { password: string; generated: boolean }): string[] {
  if (!p.generated) return [`The password of ${login} is set; ${login} chooses their own at the next sign-in.`];
  return [`Provisional password of ${login} (shown once; ${login} must replace it at the next sign-in):`, "", `  ${p.password}`, ""];
}

export async function usersCommand(args: string[]): Promise<CommandResult> {
  const [sub, ...rest] = args;
  const { positional, options } = parseArgs(rest, { json: false, console: false, name: true, role: true, type: true, "password-stdin": false });
  const [login, extra] = positional;
  switch (sub) {
    case "list":
      return withDb(async ({ db }) => {
        const { rows } = await listUsers(db, { consoleOnly: options.has("console"), pageSize: 500 });
        if (options.has("json")) {
          const out = rows.map((u) => ({ login: u.Login, displayName: u.DisplayName, type: u.Type, consoleRole: u.ConsoleRole, active: u.IsActive, password: !u.HasPassword ? "none" : u.MustChangePassword ? "provisional" : "own", liveSessions: u.LiveSessions }));
          return { exitCode: 0, stdout: JSON.stringify(out, null, 2) };
        }
        const lines = rows.map((u) => `${u.Login.padEnd(24)} ${ROLE_LABELS[u.ConsoleRole].padEnd(18)} ${(u.IsActive ? "active" : "inactive").padEnd(9)} ${(!u.HasPassword ? "no password" : u.MustChangePassword ? "provisional password" : "own password").padEnd(21)} ${u.LiveSessions} session(s)  ${u.DisplayName}`);
        return { exitCode: 0, stdout: lines.join("\n") || "No users." };
      });
    case "add": {
      const parsed = NewUserSchema.safeParse({
        Login: login,
        DisplayName: options.get("name"),
        ConsoleRole: oneOf("role", options.get("role"), CONSOLE_ROLES, "None"),
        Type: oneOf("type", options.get("type"), USER_TYPES, "Internal"),
      });
      if (!login || extra !== undefined || !parsed.success) throw new CliError(parsed.success ? USERS_USAGE : `${parsed.error.issues.map((i) => i.message).join("; ")}.\n\n${USERS_USAGE}`);
      const p = await providePassword(parsed.data.Login, options.has("password-stdin"));
      return withDb(async ({ db }) => {
        await createUser(db, CLI_ACTOR, parsed.data, await hashPassword(p.password));
        return { exitCode: 0, stdout: [`User ${parsed.data.Login} added (${ROLE_LABELS[parsed.data.ConsoleRole]}).`, ...passwordLines(parsed.data.Login, p)].join("\n") };
      });
    }
    case "set-password":
      if (extra !== undefined) throw new CliError(USERS_USAGE);
      return withDb(async ({ db }) => {
        const user = await requireUser(db, login);
        const p = await providePassword(user.Login, options.has("password-stdin"));
        const result = await setUserPassword(db, CLI_ACTOR, user.Id, await hashPassword(p.password), { provisional: true });
        return { exitCode: 0, stdout: [...passwordLines(user.Login, p), `${result.endedSessions} session(s) of ${user.Login} ended.`].join("\n") };
      });
    case "set-role": {
      const role = oneOf("role", extra, CONSOLE_ROLES, "None" as ConsoleRoleName);
      if (!extra) throw new CliError(USERS_USAGE);
      return withDb(async ({ db }) => {
        const user = await requireUser(db, login);
        const result = await setUserRole(db, CLI_ACTOR, user.Id, role);
        return { exitCode: 0, stdout: result.changed ? `The console role of ${user.Login} is now ${role} (${ROLE_LABELS[role]}); ${result.endedSessions} session(s) ended.` : `The console role of ${user.Login} was already ${role}.` };
      });
    }
    case "deactivate":
    case "activate":
      if (extra !== undefined) throw new CliError(USERS_USAGE);
      return withDb(async ({ db }) => {
        const user = await requireUser(db, login);
        const result = await setUserActive(db, CLI_ACTOR, user.Id, sub === "activate");
        const state = sub === "activate" ? "active" : "inactive";
        return { exitCode: 0, stdout: result.changed ? `${user.Login} is now ${state}${result.endedSessions ? `; ${result.endedSessions} session(s) ended` : ""}.` : `${user.Login} was already ${state}.` };
      });
    case "sign-out":
      if (extra !== undefined) throw new CliError(USERS_USAGE);
      return withDb(async ({ db }) => {
        const user = await requireUser(db, login);
        const result = await signOutEverywhere(db, CLI_ACTOR, user.Id);
        return { exitCode: 0, stdout: `${result.endedSessions} session(s) of ${user.Login} ended.` };
      });
    default:
      throw new CliError(USERS_USAGE);
  }
}
