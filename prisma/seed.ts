// npm run db:seed - migrates and seeds the configured database (idempotent). Prints the
// console sign-in the first time the console users are created.
import "dotenv/config";
import { connect } from "@/lib/db/client";
import { seed, seedCredentialsFromEnv } from "@/lib/db/seed";

async function main() {
  const connection = await connect();
  try {
    const credentials = seedCredentialsFromEnv();
    const result = await seed(connection.db, credentials);
    const where = connection.kind === "embedded" ? `embedded database (${process.env.PGLITE_DATA_DIR || "data/pglite"})` : "PostgreSQL";
    console.log(`Seeded ${where}: ${result.createdUsers.length} users, ${result.createdApps.length} apps created.`);
    if (result.createdUsers.includes(credentials.admin.login)) {
      console.log("");
      console.log("  Console sign-in (change these in .env before exposing the console):");
      console.log(`    administrator:     ${credentials.admin.login} / ${credentials.admin.password}`);
      console.log(`    security reviewer: ${credentials.reviewer.login} / ${credentials.reviewer.password}`);
      console.log("");
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
