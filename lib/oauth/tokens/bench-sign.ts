// ES256 signing throughput of signJwt: `npx tsx lib/oauth/tokens/bench-sign.ts`
import { accessTokenClaims, generateSigningKey, signJwt } from "./jwt";

const key = generateSigningKey("ES256");
const payload = accessTokenClaims({
  issuer: "https://demo.example/id",
  audience: "DomainAPI",
  clientId: "my.trusted.app",
  subject: "my.trusted.app",
  scopes: ["read", "update"],
  lifetimeSeconds: 3600,
});
// Rebuilt per call, as a key loaded from the database would be.
const loaded = () => ({ kid: key.kid, alg: key.alg, privateKeyPem: key.privateKeyPem });

for (let i = 0; i < 2_000; i++) signJwt({ typ: "at+jwt" }, payload, loaded()); // warm-up

const durationMs = 2_000;
let count = 0;
const start = process.hrtime.bigint();
let elapsedMs = 0;
while (elapsedMs < durationMs) {
  for (let i = 0; i < 500; i++) signJwt({ typ: "at+jwt" }, payload, loaded());
  count += 500;
  elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
}
const perSecond = Math.round((count / elapsedMs) * 1000);
console.log(`ES256 signJwt: ${perSecond.toLocaleString("en-US")} signs/s (${count} in ${elapsedMs.toFixed(0)} ms, node ${process.version})`);
