// grant_type=refresh_token (RFC 6749 §6): Confidential apps only (seed 002 "Use refresh tokens
// only in confidential clients.", decideRefreshAllowed), authenticated like any confidential
// request. Every refresh token is single-use: rotated on every use, and one presented again
// revokes its whole grant and the access tokens issued from it (RFC 9700 §4.14.2). The scope
// may narrow, never widen (§6, decideRefreshScopes). A disabled app, an inactive user or a
// revoked Authorization is invalid_grant at once: all three are read from the database with
// the token (the app's IsEnabled through the client cache that NOTIFY keeps current).
import { revokeGrant } from "@/lib/db/user-grants";
import { decideGrantStillValid, decideRefreshAllowed, decideRefreshScopes } from "@/lib/policy/interactive";
import { decideScopes, parseScope } from "@/lib/policy/scopes";
import { InvalidGrant, InvalidRequest, policyError } from "../errors";
import { digestToken, looksLikeOpaqueToken } from "../tokens/opaque";
import type { GrantHandler, StepResult } from "./index";
import { prepareUserTokens, signUserTokens } from "./user-tokens";

export const refreshTokenGrant: GrantHandler = {
  grantType: "refresh_token",
  rfc: "RFC 6749 §6, RFC 9700 §4.14.2",
  flow: "authorization_code",
  scopeFlow: "authorization_code",
  scopeSource: "grant",
  disabledApp: "invalid_grant",

  checkAllowed(app): StepResult {
    const allowed = decideRefreshAllowed(app);
    if (!allowed.ok) return { ok: false, error: policyError(allowed.error, allowed.detail, allowed.ruleId) };
    return { ok: true, value: undefined, note: "Confidential client: it may hold refresh tokens." };
  },

  describeIssue(_app, scopes, lifetimeSeconds) {
    return `A new access token for the user (scope "${scopes.join(" ")}", valid ${lifetimeSeconds} s)${scopes.includes("openid") ? ", a new ID token" : ""} and a new refresh token; the one presented is used up.`;
  },

  async issue(ctx) {
    const { params, server, client, now } = ctx;
    const db = server.connection.db;
    const token = params.get("refresh_token");
    if (token === undefined) throw new InvalidRequest("missing refresh_token", { reason: "missing_parameter" });
    if (!looksLikeOpaqueToken(token)) throw new InvalidGrant("refresh_token is not one of ours");

    const rotated = await server.grants.rotateRefresh(digestToken(token), client.id);
    if (rotated.kind === "unknown") throw new InvalidGrant("unknown refresh token, or another client's");
    if (rotated.kind === "reused") {
      await revokeGrant(db, rotated.grantId, "refresh_reuse", now);
      throw new InvalidGrant(`refresh token used twice: grant ${rotated.grantId} revoked (RFC 9700 §4.14.2)`);
    }
    const t = rotated.token;
    if (t.grantRevoked) throw new InvalidGrant(`grant ${t.grantId} was revoked`, { ruleId: "TA-REQ-GRANT-REVOKED" });
    if (t.expiresUtc <= now) throw new InvalidGrant("refresh token expired");

    const grantScopes = parseScope(t.scope);
    const holds = decideGrantStillValid(ctx.app, { Type: t.type, IsActive: t.isActive }, t.authorizedScope, grantScopes);
    if (!holds.ok) throw policyError(holds.error, holds.detail, holds.ruleId);
    const requested = decideRefreshScopes(grantScopes, params.get("scope") ?? null);
    if (!requested.ok) throw policyError(requested.error, requested.detail, requested.ruleId);
    const still = decideScopes(ctx.app, requested.value.join(" "), "authorization_code");
    if (!still.ok) throw policyError(still.error, still.detail, still.ruleId);

    // OIDC Core §12.2: a refreshed ID token keeps auth_time and carries no nonce.
    const prepared = prepareUserTokens(ctx, { grantId: t.grantId, userId: t.userId, scopes: requested.value, grantScopes, authTime: t.authTime, nonce: null });
    const [body] = await Promise.all([signUserTokens(ctx, prepared), server.grants.recordRefresh(t.grantId, prepared.issued, now)]);
    return body;
  },
};
