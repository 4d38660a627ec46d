// grant_type=client_credentials (RFC 6749 §4.4): a Confidential app obtains a token for
// itself, acting as its SystemUser (seed 000: "SystemUserAllowed ... Required for client
// credentials flow"). The checks before issue() (client authentication, policy, scopes)
// are made by the token endpoint's steps in lib/oauth/grants/decision.ts.
import { UnauthorizedClient } from "../errors";
import { accessTokenClaims, signJwtOffThread } from "../tokens/jwt";
import type { GrantHandler, StepResult } from "./index";

export const clientCredentialsGrant: GrantHandler = {
  grantType: "client_credentials",
  rfc: "RFC 6749 §4.4",
  flow: "client_credentials",
  scopeFlow: "client_credentials",
  scopeSource: "request",
  disabledApp: "invalid_client",

  checkAllowed(app, method): StepResult {
    if (!app.SystemUserAllowed) {
      return {
        ok: false,
        error: new UnauthorizedClient(
          `${app.ApplicationUri} has SystemUserAllowed off: client_credentials needs service access (seed 000)`,
        ),
      };
    }
    // §4.4 / §2.3: "MUST only be used by confidential clients", which authenticate.
    if (app.ClientType !== "Confidential" || method === "none") {
      return {
        ok: false,
        error: new UnauthorizedClient(`${app.ApplicationUri} is not an authenticated Confidential client (RFC 6749 §4.4)`),
      };
    }
    if (app.SystemUser === null) {
      // The policy refuses this first (TA-SYSTEM-USER-MISSING); kept as a guard for issue().
      return { ok: false, error: new UnauthorizedClient(`${app.ApplicationUri} has no SystemUser`) };
    }
    return {
      ok: true,
      value: undefined,
      note: `Confidential client with service access; tokens act as SystemUser "${app.SystemUser.Login}".`,
    };
  },

  describeIssue(app, scopes, lifetimeSeconds) {
    return (
      `A Bearer JWT access token (typ at+jwt) for sub "${app.SystemUser?.Login ?? "?"}", ` +
      `scope "${scopes.join(" ")}", valid ${lifetimeSeconds} s; no refresh token (RFC 6749 §4.4.3).`
    );
  },

  issue(ctx) {
    const systemUser = ctx.app.SystemUser;
    if (systemUser === null) throw new Error("client_credentials reached issue() without a SystemUser");
    // RFC 9068 §2.2: sub is the SystemUser the token represents (seed 000 "Service identity").
    const claims = accessTokenClaims({
      issuer: ctx.issuer,
      audience: ctx.audience,
      clientId: ctx.app.ApplicationUri,
      subject: systemUser.Login,
      scopes: ctx.scopes,
      lifetimeSeconds: ctx.accessTokenLifetimeSeconds,
      now: ctx.now,
    });
    return signJwtOffThread({ typ: "at+jwt" }, claims, ctx.keys.signing).then((accessToken) => ({
      access_token: accessToken,
      token_type: "Bearer" as const,
      expires_in: ctx.accessTokenLifetimeSeconds,
      // §5.1: scope is required when it differs from the request; always sent.
      scope: claims.scope.join(" "),
      // §4.4.3: "A refresh token SHOULD NOT be included."
    }));
  },
};
