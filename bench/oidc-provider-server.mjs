// node-oidc-provider 9 configured like our endpoint, for the token benchmarks:
//   - client_credentials (bench/token.bench.ts): client BENCH_CLIENT_ID, client_secret_basic,
//     ES256-signed JWT access tokens (RFC 9068) for the DomainAPI audience;
//   - authorization_code exchange (RFC 6749 §4.1.3, PKCE S256 per RFC 7636) and refresh_token
//     with rotation (RFC 6749 §6; OAuth 2.0 Security BCP §4.14.2) (bench/user-grants.ts):
//     client BENCH_WEB_CLIENT_ID (default "bench.web", same secret), scope
//     "openid offline_access read", JWT access token for DomainAPI + ES256 ID token + refresh token.
// Codes and refresh tokens are single-use, so the load consumes a pool minted beforehand through
// POST /bench/pool?kind=code|refresh&n=N (bench-only; see mintPool below).
// Usage: node bench/oidc-provider-server.mjs (PORT, BENCH_CLIENT_ID, BENCH_CLIENT_SECRET,
// optional BENCH_WEB_CLIENT_ID from the environment). Listens on 127.0.0.1 only: the pool route
// hands out live tokens.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.PORT || 3291);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = { ...privateKey.export({ format: "jwk" }), alg: "ES256", use: "sig", kid: "bench" };

const WEB_CLIENT_ID = process.env.BENCH_WEB_CLIENT_ID || "bench.web";
const REDIRECT_URI = "https://app.example.com/cb";
const RESOURCE = "urn:erp:domainapi";
const ACCOUNT_ID = "bench.user";
const USER_SCOPE = "openid offline_access read";
const epoch = () => Math.floor(Date.now() / 1000);

// oidc-provider's built-in MemoryAdapter is an LRU of ~1,000 entries (lib/helpers/lru.js,
// maxSize 1000 in lib/adapters/memory_adapter.js): a pool of thousands of codes would be evicted
// before use. This one keeps everything, one Map per model, and drops entries lazily once
// expiresIn has passed. Interface: the adapter section of oidc-provider's documentation.
const stores = new Map();
class BenchAdapter {
  constructor(model) {
    if (!stores.has(model)) stores.set(model, { items: new Map(), byGrant: new Map(), byUid: new Map(), byUserCode: new Map() });
    this.s = stores.get(model);
  }

  async upsert(id, payload, expiresIn) {
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
    this.s.items.set(id, { payload, expiresAt });
    if (payload.grantId) {
      let ids = this.s.byGrant.get(payload.grantId);
      if (!ids) this.s.byGrant.set(payload.grantId, (ids = new Set()));
      ids.add(id);
    }
    if (payload.uid) this.s.byUid.set(payload.uid, id); // Session
    if (payload.userCode) this.s.byUserCode.set(payload.userCode, id); // DeviceCode
  }

  async find(id) {
    const entry = this.s.items.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      await this.destroy(id);
      return undefined;
    }
    return entry.payload;
  }

  async findByUid(uid) {
    const id = this.s.byUid.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode) {
    const id = this.s.byUserCode.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  // Marks it used; the grants then refuse a replay (and revoke the grant).
  async consume(id) {
    const entry = this.s.items.get(id);
    if (entry) entry.payload.consumed = epoch();
  }

  async destroy(id) {
    const entry = this.s.items.get(id);
    if (!entry) return;
    this.s.items.delete(id);
    const { grantId, uid, userCode } = entry.payload;
    if (grantId) this.s.byGrant.get(grantId)?.delete(id);
    if (uid && this.s.byUid.get(uid) === id) this.s.byUid.delete(uid);
    if (userCode && this.s.byUserCode.get(userCode) === id) this.s.byUserCode.delete(userCode);
  }

  async revokeByGrantId(grantId) {
    for (const id of this.s.byGrant.get(grantId) ?? []) await this.destroy(id);
    this.s.byGrant.delete(grantId);
  }
}

const provider = new Provider(issuer, {
  adapter: BenchAdapter,
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
    {
      // A Confidential web app signing users in (a separate client so that the
      // client_credentials benchmark above keeps its exact configuration).
      client_id: WEB_CLIENT_ID,
      client_secret: process.env.BENCH_CLIENT_SECRET,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "ES256",
      scope: "openid offline_access read update",
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ["openid", "offline_access", "read", "update"],
  findAccount: (_ctx, sub) =>
    sub === ACCOUNT_ID ? { accountId: ACCOUNT_ID, claims: async () => ({ sub: ACCOUNT_ID }) } : undefined,
  // RFC 7636 for every client, as ours requires (the default only requires it for public clients).
  pkce: { required: () => true },
  // Refresh tokens only with offline_access (OIDC Core §11); each one single-use.
  issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed("refresh_token") && code.scopes.has("offline_access"),
  rotateRefreshToken: true,
  // The pool is minted before the run: allow the 10 minutes RFC 6749 §4.1.2 recommends as a
  // maximum instead of the default 60 s, so that codes minted first do not expire mid-run.
  ttl: { AuthorizationCode: 600 },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
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

// What a sign-in with consent to USER_SCOPE for RESOURCE leaves behind: one Grant per user
// session (the grants revoke by grant on a replay, so a shared grant would put the whole pool at
// risk), holding the OIDC scopes and the DomainAPI scope.
async function newGrant() {
  const grant = new provider.Grant({ accountId: ACCOUNT_ID, clientId: WEB_CLIENT_ID });
  grant.addOIDCScope("openid offline_access");
  grant.addResourceScope(RESOURCE, "read");
  return grant.save();
}

// The fields lib/helpers/process_response_types.js (authorization endpoint) and
// lib/helpers/grant_common.js (issueTokens) set, as the grants in lib/actions/grants/ read them:
// clientId and grantId must match the client and a live Grant, accountId that Grant's and
// findAccount's, redirectUri the one sent, codeChallenge(Method) the code_verifier; resource
// makes useGrantedResource pick DomainAPI, hence a JWT access token. No expiresWithSession (the
// default for offline_access), so no Session is needed.
async function mintPool(kind, n) {
  const client = await provider.Client.find(WEB_CLIENT_ID);
  const common = () => ({ accountId: ACCOUNT_ID, authTime: epoch(), client, resource: RESOURCE, scope: USER_SCOPE, sessionUid: randomBytes(16).toString("base64url"), sid: randomBytes(16).toString("base64url") });
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const grantId = await newGrant();
    if (kind === "code") {
      const verifier = randomBytes(32).toString("base64url"); // 43 characters, RFC 7636 §4.1
      const code = await new provider.AuthorizationCode({
        ...common(),
        grantId,
        codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
        codeChallengeMethod: "S256",
        redirectUri: REDIRECT_URI,
      }).save();
      out.push({ code, verifier });
    } else {
      out.push(await new provider.RefreshToken({ ...common(), grantId, gty: "authorization_code", rotations: 0 }).save());
    }
  }
  return out;
}

async function benchRoute(req, res) {
  const url = new URL(req.url, issuer);
  const kind = url.searchParams.get("kind");
  const n = Number(url.searchParams.get("n"));
  const reply = (status, body) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.method !== "POST" || url.pathname !== "/bench/pool") return reply(404, { error: "not_found" });
  if (!["code", "refresh"].includes(kind) || !Number.isInteger(n) || n < 1 || n > 1_000_000) {
    return reply(400, { error: "kind=code|refresh and 1 <= n <= 1000000" });
  }
  try {
    reply(200, await mintPool(kind, n));
  } catch (error) {
    reply(500, { error: String(error) });
  }
}

// Token endpoint at /connect/token (provider routes are relative to where it is mounted); the
// bench route is answered before the provider so that it adds nothing to the provider's stack.
const callback = provider.callback();
const server = createServer((req, res) => (req.url.startsWith("/bench/") ? benchRoute(req, res) : callback(req, res)));
server.listen(port, "127.0.0.1", () => console.log(`oidc-provider ready on ${issuer}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
