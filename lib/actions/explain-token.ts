"use server";
// The token decision explainer: would the identity endpoint issue a token for this app, grant
// type, scopes and authentication method (and, for the user grants, this user and redirect
// URI)? Runs the endpoints' own steps (lib/oauth/explain.ts) on the stored configuration;
// returns only the steps and findings, never a secret or hash.
import { z } from "zod";
import { getAppByUri, toPolicyApp } from "@/lib/db/apps";
import { findAuthorizationScope } from "@/lib/db/authorizations";
import { env, policyOptions } from "@/lib/env";
import { explainTokenDecision, type ExplainUser, type TokenExplanation } from "@/lib/oauth/explain";
import { EXPLAINABLE_GRANT_TYPES } from "@/lib/oauth/grant-types";
import { ActionError, authedAction } from "./safe-action";

const ExplainTokenSchema = z.object({
  applicationUri: z.string().trim().min(1).max(200),
  grantType: z.enum(EXPLAINABLE_GRANT_TYPES),
  /** The scope parameter exactly as the client would send it (grammar errors are explained, not rejected). */
  scope: z.string().max(500).nullable(),
  clientAuth: z.enum(["client_secret_basic", "client_secret_post", "none"]),
  /** The user's login (authorization_code, refresh_token); empty: none picked. */
  userLogin: z.string().trim().max(200).optional(),
  /** The redirect_uri the client sends (authorization_code); empty: the app's first registered one. */
  redirectUri: z.string().trim().max(2000).optional(),
});

export type ExplainTokenInput = z.input<typeof ExplainTokenSchema>;

export const explainTokenAction = authedAction(
  "token.explain",
  ExplainTokenSchema,
  async ({ applicationUri, grantType, scope, clientAuth, userLogin, redirectUri }, { db }): Promise<TokenExplanation & { applicationUri: string }> => {
    const row = await getAppByUri(db, applicationUri);
    if (!row) throw new ActionError("NOT_FOUND", "This application no longer exists.");
    let user: ExplainUser | null = null;
    if (userLogin) {
      const found = await db.user.findUnique({ where: { Login: userLogin }, select: { Id: true, Login: true, Type: true, IsActive: true, PasswordHash: true } });
      if (!found) throw new ActionError("VALIDATION", "No such user.", { userLogin: [`No user has the login "${userLogin}".`] });
      user = { login: found.Login, Type: found.Type, IsActive: found.IsActive, hasPassword: found.PasswordHash !== null, authorizedScope: await findAuthorizationScope(db, row.Id, found.Id) };
    }
    const explanation = explainTokenDecision(
      toPolicyApp(row),
      { grantType, scope: scope === "" ? null : scope, clientAuth, user, redirectUri: redirectUri || null },
      { policyOptions: policyOptions(), accessTokenLifetimeSeconds: env().ACCESS_TOKEN_LIFETIME_SECONDS },
    );
    return { applicationUri, ...explanation };
  },
);
