// Prisma CLI configuration (Prisma 6.19). The CLI is used only to generate the client
// and to author migrations (`npm run db:diff`); the app applies migrations itself at start
// (lib/db/migrate.ts), so no native engine is ever downloaded. See STACK.md: with a config
// file Prisma skips .env loading, and the js engine needs an adapter factory.
import "dotenv/config";
import { defineConfig } from "prisma/config";

// The schema reads DATABASE_URL; the CLI needs a syntactically valid URL even when the
// embedded database is used, or it falls back to the native engine and tries to download it.
process.env.DATABASE_URL ||= "postgresql://embedded@localhost:5432/embedded";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  // Authoring runs against a throw-away in-memory PGlite (also used as the shadow database).
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const factory = new PrismaPGlite(new PGlite()) as unknown as {
      connect(): Promise<Record<string, unknown>>;
      connectToShadowDb(): Promise<Record<string, unknown>>;
    };
    // pglite-prisma-adapter's executeScript does not await PGlite.exec, and its executeRaw uses a
    // prepared statement, which refuses multi-statement migrations (STACK.md): use exec for both.
    const fix = async (adapter: Record<string, unknown>) => {
      const client = (adapter as { client: { exec(sql: string): Promise<unknown> } }).client;
      const executeRaw = (adapter.executeRaw as (q: { sql: string; args: unknown[] }) => Promise<number>).bind(adapter);
      adapter.executeScript = async (script: string) => {
        await client.exec(script);
      };
      adapter.executeRaw = async (query: { sql: string; args: unknown[] }) => {
        if (query.args.length > 0) return executeRaw(query);
        await client.exec(query.sql);
        return 0;
      };
      return adapter;
    };
    return {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      connect: async () => fix(await factory.connect()),
      connectToShadowDb: async () => fix(await factory.connectToShadowDb()),
    } as never;
  },
});
