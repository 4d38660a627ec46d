"use server";
// The token decision explainer: would /id/connect/token issue a token for this app, grant
// type, scopes and authentication method? Runs the endpoint's own steps (lib/oauth/explain.ts)
// on the stored configuration; returns only the steps and findings, never a secret or hash.
import { z } from "zod";
import { getAppByUri, toPolicyApp } from "@/lib/db/apps";
import { env, policyOptions } from "@/lib/env";
import { explainTokenDecision, type TokenExplanation } from "@/lib/oauth/explain";
import { EXPLAINABLE_GRANT_TYPES } from "@/lib/oauth/grant-types";
import { ActionError, authedAction } from "./safe-action";

const ExplainTokenSchema = z.object({
  applicationUri: z.string().trim().min(1).max(200),
  grantType: z.enum(EXPLAINABLE_GRANT_TYPES),
  /** The scope parameter exactly as the client would send it (grammar errors are explained, not rejected). */
  scope: z.string().max(500).nullable(),
  clientAuth: z.enum(["client_secret_basic", "client_secret_post", "none"]),
});

export type ExplainTokenInput = z.input<typeof ExplainTokenSchema>;

export const explainTokenAction = authedAction(
  "token.explain",
  ExplainTokenSchema,
  async ({ applicationUri, grantType, scope, clientAuth }, { db }): Promise<TokenExplanation & { applicationUri: string }> => {
    const row = await getAppByUri(db, applicationUri);
    if (!row) throw new ActionError("NOT_FOUND", "This application no longer exists.");
    const explanation = explainTokenDecision(
      toPolicyApp(row),
      { grantType, scope: scope === "" ? null : scope, clientAuth },
      { policyOptions: policyOptions(), accessTokenLifetimeSeconds: env().ACCESS_TOKEN_LIFETIME_SECONDS },
    );
    return { applicationUri, ...explanation };
  },
);
