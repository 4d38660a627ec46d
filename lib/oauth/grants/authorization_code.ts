// grant_type=authorization_code (RFC 6749 §4.1.3): a code issued by the authorization endpoint
// to this client is exchanged, once, for the user's tokens.
//   - the code is single-use: consumed atomically; a second use is invalid_grant and revokes
//     the grant (and every token) the first use created (§4.1.2; RFC 9700 §4.2.4);
//   - it lives 60 s at most, is bound to the client, the redirect_uri (§4.1.3: identical) and
//     the PKCE challenge: a wrong or missing code_verifier is invalid_grant (RFC 7636 §4.6);
//   - the grant must still hold: app enabled, user active and of an accepted type, consent in
//     place (decideGrantStillValid), and the scopes still within the app's Scope (decideScopes).
import { randomUUID } from "node:crypto";
import { revokeGrantOfReusedCode } from "@/lib/db/user-grants";
import { decideGrantStillValid, decideInteractive } from "@/lib/policy/interactive";
import { decideScopes, parseScope } from "@/lib/policy/scopes";
import { InvalidGrant, InvalidRequest, policyError } from "../errors";
import { digestToken, looksLikeOpaqueToken } from "../tokens/opaque";
import { verifyPkce } from "../tokens/pkce";
import type { GrantHandler, StepResult } from "./index";
import { prepareUserTokens, signUserTokens } from "./user-tokens";

export const authorizationCodeGrant: GrantHandler = {
  grantType: "authorization_code",
  rfc: "RFC 6749 §4.1.3, RFC 7636 §4.6",
  flow: "authorization_code",
  scopeFlow: "authorization_code",
  scopeSource: "grant",
  disabledApp: "invalid_grant",

  checkAllowed(app): StepResult {
    const interactive = decideInteractive(app);
    if (!interactive.ok) return { ok: false, error: policyError(interactive.error, interactive.detail, interactive.ruleId) };
    return {
      ok: true,
      value: undefined,
      note: `${app.ClientType} client that signs users in; ${app.ClientType === "Public" ? "identified by client_id (PKCE proves it holds the code)" : "authenticated with its secret, and PKCE"}.`,
    };
  },

  describeIssue(app, scopes, lifetimeSeconds) {
    const parts = [`a Bearer JWT access token for the user, scope "${scopes.join(" ")}", valid ${lifetimeSeconds} s`];
    if (scopes.includes("openid")) parts.push("an ID token (nonce, auth_time, at_hash)");
    parts.push(app.ClientType === "Confidential" && scopes.includes("offline_access") ? "a refresh token (rotated on every use)" : "no refresh token");
    return `${parts.join("; ")}.`;
  },

  async issue(ctx) {
    const { params, server, client, now } = ctx;
    const db = server.connection.db;
    const code = params.get("code");
    if (code === undefined) throw new InvalidRequest("missing code", { reason: "missing_parameter" });
    const redirectUri = params.get("redirect_uri");
    if (redirectUri === undefined) throw new InvalidRequest("missing redirect_uri (required: it was in the authorization request)", { reason: "missing_parameter" });
    if (!looksLikeOpaqueToken(code)) throw new InvalidGrant("code is not one of ours");

    const codeHash = digestToken(code);
    const grantId = randomUUID();
    const consumed = await server.grants.consumeCode(codeHash, grantId);
    if (consumed.kind === "unknown") throw new InvalidGrant("unknown code");
    if (consumed.kind === "reused") {
      if (consumed.grantId) await revokeGrantOfReusedCode(db, codeHash, consumed.grantId, now);
      throw new InvalidGrant(`code used twice: grant ${consumed.grantId ?? "(none)"} revoked (RFC 6749 §4.1.2)`);
    }
    const c = consumed.code;
    if (c.appId !== client.id) throw new InvalidGrant("code was issued to another client");
    if (c.expiresUtc <= now) throw new InvalidGrant("code expired");
    if (c.redirectUri !== redirectUri) throw new InvalidGrant("redirect_uri differs from the authorization request's");
    if (!verifyPkce(params.get("code_verifier"), c.codeChallenge)) throw new InvalidGrant("code_verifier missing or does not match the code_challenge (RFC 7636 §4.6)");

    const scopes = parseScope(c.scope);
    const holds = decideGrantStillValid(ctx.app, { Type: c.type, IsActive: c.isActive }, c.authorizedScope, scopes);
    if (!holds.ok) throw policyError(holds.error, holds.detail, holds.ruleId);
    const still = decideScopes(ctx.app, c.scope, "authorization_code");
    if (!still.ok) throw policyError(still.error, still.detail, still.ruleId);

    const prepared = prepareUserTokens(ctx, { grantId, userId: c.userId, scopes, grantScopes: scopes, authTime: c.authTime, nonce: c.nonce });
    const [body] = await Promise.all([
      signUserTokens(ctx, prepared),
      server.grants.recordCodeExchange({ id: grantId, appId: client.id, userId: c.userId, scope: c.scope, nonce: c.nonce, authTime: c.authTime, now }, prepared.issued),
    ]);
    return body;
  },
};
