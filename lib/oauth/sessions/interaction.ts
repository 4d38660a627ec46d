// What happens to a valid authorization request (every check of ../authorize passed): sign the
// user in, ask for consent, or issue the code. The same decision is taken when the request
// arrives (endpoints/authorize.ts) and after each step of the user's (endpoints/interaction.ts):
//   - no session, prompt=login / select_account, or an auth_time older than max_age: sign in
//     (OpenID Connect Core 1.0 §3.1.2.1; prompt=none: login_required);
//   - a signed-in user of a type the app does not accept (decideUserType): sign in as someone
//     else, told which types the app accepts;
//   - requested scopes beyond the user's Authorization, or prompt=consent: ask
//     (consentNeeded; prompt=none: consent_required);
//   - else: a code, single-use, 60 s, stored hashed, bound to client, redirect_uri and PKCE
//     challenge (RFC 6749 §4.1.2, RFC 7636 §4.4), sent to the redirect URI with state and iss.
import { randomBytes } from "node:crypto";
import { createInteraction, finishInteraction } from "@/lib/db/id-sessions";
import { insertAuthorizationCode } from "@/lib/db/user-grants";
import { consentNeeded, decideUserType } from "@/lib/policy/interactive";
import type { AuthorizationRequest } from "../authorize/types";
import { codeRedirect, errorRedirect } from "../authorize/respond";
import type { RegisteredClient } from "../clients/client-registry";
import { ConsentRequired, LoginRequired, type OAuthError } from "../errors";
import { htmlPage, redirectResponse } from "../http/html";
import type { OAuthResponse } from "../http/http";
import type { OAuthServer } from "../server";
import { digestToken, newOpaqueToken } from "../tokens/opaque";
import type { BrowserBinding } from "./browser";
import type { IdSessionRecord } from "./id-session";

/** RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED"; ours is 60 s. */
export const CODE_LIFETIME_SECONDS = 60;
/** How long a user may take to sign in and consent. */
export const INTERACTION_LIFETIME_SECONDS = 15 * 60;

/** What an interaction stores (Id_Interactions.Params). */
export interface InteractionParams {
  request: AuthorizationRequest;
}

export type NextStep =
  | { kind: "issue" }
  | { kind: "login"; reason: "no_session" | "prompt" | "max_age" | "user_type" }
  | { kind: "consent" }
  | { kind: "refuse"; error: OAuthError };

export interface StepInput {
  request: AuthorizationRequest;
  client: RegisteredClient;
  session: IdSessionRecord | null;
  /** The user's Authorization for the app (its Scope), when there is a session. */
  authorizedScope: string | null;
  /** The session was opened, or accepted, during this interaction: prompt=login and max_age are met. */
  sessionFromThisInteraction: boolean;
  /** The user just allowed the scopes on the consent page: prompt=consent is met. */
  consentedNow: boolean;
  now: Date;
}

export function nextStep(input: StepInput): NextStep {
  const { request, session } = input;
  const none = request.prompt.includes("none");
  const login = (reason: "no_session" | "prompt" | "max_age" | "user_type", ruleId?: string): NextStep =>
    none ? { kind: "refuse", error: new LoginRequired(`prompt=none but sign-in is needed (${reason})`, ruleId ? { ruleId } : {}) } : { kind: "login", reason };

  if (session === null) return login("no_session");
  if (!input.sessionFromThisInteraction) {
    if (request.prompt.includes("login") || request.prompt.includes("select_account")) return login("prompt");
    if (request.maxAge !== null && input.now.getTime() - session.authTime.getTime() > request.maxAge * 1000) return login("max_age");
  }
  const type = decideUserType(input.client.app, session.user);
  if (!type.ok) return login("user_type", type.ruleId);
  if ((request.prompt.includes("consent") && !input.consentedNow) || consentNeeded(input.authorizedScope, request.scopes)) {
    return none ? { kind: "refuse", error: new ConsentRequired("prompt=none but consent is needed") } : { kind: "consent" };
  }
  return { kind: "issue" };
}

export interface ContinueInput extends StepInput {
  server: OAuthServer;
  /** The HTTP method of the request being answered (302 after GET, 303 after POST). */
  method: string;
  browser: BrowserBinding;
  /** The pending interaction, when the request is already one. */
  interactionId: string | null;
  /** Set-Cookie values to send with whatever the answer is. */
  cookies?: readonly string[];
}

/** Takes the next step: issues the code, or sends the browser to the sign-in or consent page. */
export async function continueAuthorization(input: ContinueInput): Promise<OAuthResponse> {
  const { server, request, method } = input;
  const step = nextStep(input);
  const cookies = [...(input.cookies ?? []), ...(input.browser.setCookie ? [input.browser.setCookie] : [])];

  if (step.kind === "refuse") {
    if (input.interactionId) await finishInteraction(server.connection.db, input.interactionId);
    server.log.refused({ event: "oauth.authorize.refused", ...step.error.toLog(), client_id: request.clientId });
    return redirectResponse(errorRedirect(request.redirectUri, step.error, request.state, server.config.issuer), method, cookies);
  }

  if (step.kind === "issue") {
    // The interaction is finished first: of two submits of one form, only one gets a code.
    if (input.interactionId && !(await finishInteraction(server.connection.db, input.interactionId))) {
      return htmlPage(400, "This sign-in was already completed", ["Go back to the application; it has received the answer already."]);
    }
    const code = await issueCode(server, input.client, request, input.session!, input.now);
    return redirectResponse(codeRedirect(request.redirectUri, code, request.state, server.config.issuer), method, cookies);
  }

  const sessionId = step.kind === "consent" ? input.session!.id : null;
  const id = input.interactionId ?? (await newInteraction(server, input.browser, request, sessionId, input.now));
  const page = step.kind === "consent" ? `consent/${id}` : `signin/${id}${step.reason === "user_type" ? "?e=user_type" : ""}`;
  return redirectResponse(`${server.config.issuer}/${page}`, method, cookies);
}

async function newInteraction(server: OAuthServer, browser: BrowserBinding, request: AuthorizationRequest, sessionId: string | null, now: Date): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await createInteraction<InteractionParams>(server.connection.db, {
    id,
    browserHash: browser.hash,
    clientId: request.clientId,
    params: { request },
    sessionId,
    expiresUtc: new Date(now.getTime() + INTERACTION_LIFETIME_SECONDS * 1000),
  });
  return id;
}

async function issueCode(server: OAuthServer, client: RegisteredClient, request: AuthorizationRequest, session: IdSessionRecord, now: Date): Promise<string> {
  const code = newOpaqueToken();
  await insertAuthorizationCode(server.connection.db, {
    codeHash: digestToken(code),
    appId: client.id,
    userId: session.user.Id,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    scope: request.scopes.join(" "),
    nonce: request.nonce,
    authTime: session.authTime,
    expiresUtc: new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000),
  });
  return code;
}
