// The token endpoint's own cost, without HTTP or Next.js: npx tsx bench/token-handler.bench.ts
// Calls handleTokenRequest() in a loop on an in-memory PGlite database (the registry and key
// caches make the database irrelevant after the first request) and prints requests/s of one
// core. Compare with bench/token.bench.ts to see what the HTTP server and Next.js add.
import { connect } from "../lib/db/client";
import { seed, seedCredentialsFromEnv } from "../lib/db/seed";
import { hashSecret, generateClientSecret } from "../lib/oauth/clients/secrets";
import { createOAuthServer } from "../lib/oauth/server";
import { testConfig, formRequest, basic, recordingLogger } from "../lib/oauth/testing";
import { handleTokenRequest } from "../lib/oauth/endpoints/token";

const CLIENT_ID = "com.example/inventory-sync";
const secret = generateClientSecret();
const c = await connect({ dataDir: "memory://" });
await seed(c.db, seedCredentialsFromEnv({}));
await c.db.trustedApplication.update({ where: { ApplicationUri: CLIENT_ID }, data: { ApplicationSecretHash: hashSecret(secret) } });
const server = createOAuthServer(c, testConfig(), { log: recordingLogger() });
await server.ready;

const request = () =>
  formRequest("/connect/token", "grant_type=client_credentials&scope=read", { Authorization: basic(CLIENT_ID, secret) });

async function run(ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const batch = [];
    for (let i = 0; i < 32; i++) batch.push(handleTokenRequest(request(), server).then((r) => r.text()));
    await Promise.all(batch);
    n += 32;
  }
  return n;
}

await run(2000); // warm-up
const t0 = performance.now();
const n = await run(5000);
const perSecond = Math.round((n / (performance.now() - t0)) * 1000);
console.log(`handleTokenRequest in process: ${perSecond.toLocaleString("en-US")} tokens/s on one core (${(1e6 / perSecond).toFixed(0)} µs each), node ${process.version}`);
await server.close();
await c.close();
