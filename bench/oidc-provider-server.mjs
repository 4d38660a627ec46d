// node-oidc-provider 9 configured like our endpoint, for bench/token.bench.ts: the
// client_credentials grant, client_secret_basic, ES256-signed JWT access tokens (RFC 9068)
// for the DomainAPI audience, in-memory storage. Usage: node bench/oidc-provider-server.mjs
// (PORT, BENCH_CLIENT_ID, BENCH_CLIENT_SECRET from the environment).
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const port = Number(process.env.PORT || 3291);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = { ...privateKey.export({ format: "jwk" }), alg: "ES256", use: "sig", kid: "bench" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.BENCH_CLIENT_ID,
      client_secret: process.env.BENCH_CLIENT_SECRET,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "ES256", // the only key is an EC key
      scope: "read update",
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ["read", "update"],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => "urn:erp:domainapi",
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "read update",
        audience: "DomainAPI",
        accessTokenTTL: 3600,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "ES256" } },
      }),
    },
  },
  routes: { token: "/connect/token" },
});
provider.proxy = true;

// Token endpoint at /connect/token (provider routes are relative to where it is mounted).
const server = provider.listen(port, () => console.log(`oidc-provider ready on ${issuer}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
