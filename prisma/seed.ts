// npm run db:seed - migrates and seeds the configured database (idempotent). Prints the
// console sign-in the first time the console users are created.
import "dotenv/config";
import { connect } from "@/lib/db/client";
import { seed, seedCredentialsFromEnv } from "@/lib/db/seed";
import { usersWithProvisionalPasswords } from "@/lib/db/users";

async function main() {
  const connection = await connect();
  try {
    const credentials = seedCredentialsFromEnv();
    const result = await seed(connection.db, credentials);
    const where = connection.kind === "embedded" ? `embedded database (${process.env.PGLITE_DATA_DIR || "data/pglite"})` : "PostgreSQL";
    console.log(`Seeded ${where}: ${result.createdUsers.length} users, ${result.createdApps.length} apps created.`);
    if (result.createdUsers.includes(credentials.admin.login)) {
      console.log("");
      console.log("  Console sign-in (you choose your own password at the first sign-in):");
      console.log(`    administrator:     ${credentials.admin.login} / ${credentials.admin.password}`);
      console.log(`    security reviewer: ${credentials.reviewer.login} / ${credentials.reviewer.password}`);
      console.log("  Identity server sign-in to the example apps (/id):");
      console.log(`    internal user:     ${credentials.user.login} / ${credentials.user.password}`);
      console.log(`    community user:    ${credentials.community.login} / ${credentials.community.password}`);
      console.log("");
    }
    // SEED_*_PASSWORD only applies when an account is created: say so rather than ignore it.
    for (const [variable, login] of [["SEED_ADMIN_PASSWORD", credentials.admin.login], ["SEED_REVIEWER_PASSWORD", credentials.reviewer.login], ["SEED_USER_PASSWORD", credentials.user.login], ["SEED_COMMUNITY_PASSWORD", credentials.community.login]] as const) {
      if (process.env[variable] && !result.createdUsers.includes(login)) {
        console.log(`Note: ${variable} is used only when "${login}" is created; it exists already. Change its password in the console (Users) or with \`npm run apps -- users set-password ${login}\`.`);
      }
    }
    const provisional = await usersWithProvisionalPasswords(connection.db);
    if (provisional.length > 0) {
      const names = provisional.map((u) => u.Login).join(", ");
      const bar = "!".repeat(78);
      console.warn(`\n${bar}\n  WARNING: console account${provisional.length > 1 ? "s" : ""} ${names} still ${provisional.length > 1 ? "use passwords" : "uses a password"} set by the seed or an administrator.\n  Sign in and choose your own (it is asked for at the first sign-in) before exposing the console.\n${bar}\n`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
