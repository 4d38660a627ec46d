// POST /id/interaction/<id>/{signin,consent,abort}: the forms of the identity server's sign-in
// and consent pages (app/id/signin, app/id/consent). Each post must come from the browser that
// started the interaction (its tac_id_browser cookie, SameSite=Lax, so never from another
// site) with the form's CSRF token derived from that cookie. The stored request is checked
// again with the authorization endpoint's own checks (the app may have changed meanwhile),
// then the user's step is taken and the next one decided (sessions/interaction.ts).
import { findAuthorizationScope, recordConsent } from "@/lib/db/authorizations";
import { findInteraction, finishInteraction, rememberInteractionLogin, setInteractionSession, type InteractionRecord } from "@/lib/db/id-sessions";
import { paramsOf, runAuthorizeChecks } from "../authorize/index";
import { errorRedirect } from "../authorize/respond";
import { AccessDenied } from "../errors";
import { clientAddress } from "../guard/brute-force";
import { parseTokenRequestBody, MAX_BODY_BYTES } from "../http/form";
import { htmlPage, redirectResponse } from "../http/html";
import { fromWebRequest, logRefusal, requirePost, toWebResponse, type OAuthRequest, type OAuthResponse, type RefusalContext } from "../http/http";
import { runEndpoint } from "../http/endpoint";
import type { OAuthServer } from "../server";
import { existingBrowserBinding, verifyCsrf, type BrowserBinding } from "../sessions/browser";
import { currentIdSession, startIdSession } from "../sessions/id-session";
import { continueAuthorization, type InteractionParams } from "../sessions/interaction";
import { signInUser } from "../sessions/sign-in";
import { expiredInteractionPage, renderErrorPage } from "./authorize";

export type InteractionStep = "signin" | "consent" | "abort";
export const INTERACTION_STEPS: readonly InteractionStep[] = ["signin", "consent", "abort"];

export function interactionEndpoint(request: OAuthRequest, interactionId: string, step: string, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("interaction", request, server, (s, ctx) => interact(s, request, interactionId, step, ctx), renderErrorPage);
}

/** The route handler's entry (app/id/interaction/[id]/[step]/route.ts). */
export async function handleInteractionRequest(request: Request, interactionId: string, step: string, server?: OAuthServer): Promise<Response> {
  return toWebResponse(await interactionEndpoint(fromWebRequest(request), interactionId, step, server));
}

const forbiddenPage = () =>
  htmlPage(403, "This form cannot be accepted", [
    "It was not sent from the browser that started the sign-in, or the page was open for too long.",
    "Go back to the application and sign in again.",
  ]);

async function interact(server: OAuthServer, request: OAuthRequest, interactionId: string, step: string, ctx: RefusalContext): Promise<OAuthResponse> {
  requirePost(request);
  ctx.ip = clientAddress(request);
  if (!(INTERACTION_STEPS as readonly string[]).includes(step) || !/^[A-Za-z0-9_-]{1,64}$/.test(interactionId)) {
    return htmlPage(404, "Not found", ["There is no such page."]);
  }
  const form = parseTokenRequestBody(request.header("content-type"), await request.text(MAX_BODY_BYTES));
  const db = server.connection.db;
  const interaction = await findInteraction<InteractionParams>(db, interactionId);
  if (!interaction) return expiredInteractionPage();
  const browser = existingBrowserBinding(request.header("cookie"));
  if (!browser || browser.hash !== interaction.browserHash || !verifyCsrf(browser, interactionId, form.get("csrf"))) return forbiddenPage();
  ctx.clientId = interaction.clientId;

  // The same checks as at the authorization endpoint, on the stored request.
  const client = server.registry.peek(interaction.clientId) ?? (await server.registry.get(interaction.clientId));
  const outcome = runAuthorizeChecks({ input: paramsOf(interaction.params.request), client, findings: client?.findings ?? [], policyOptions: server.config.policyOptions(), request: {} });
  if (!outcome.ok) {
    await finishInteraction(db, interactionId);
    if (outcome.answer === "page") throw outcome.error;
    logRefusal(outcome.error, ctx, server.log);
    return redirectResponse(errorRedirect(outcome.redirectUri!, outcome.error, outcome.state ?? null, server.config.issuer), "POST");
  }
  const authorizationRequest = outcome.request;
  const deny = async (detail: string) => {
    await finishInteraction(db, interactionId);
    const error = new AccessDenied(detail);
    logRefusal(error, ctx, server.log);
    return redirectResponse(errorRedirect(authorizationRequest.redirectUri, error, authorizationRequest.state, server.config.issuer), "POST");
  };
  if (step === "abort") return deny("the user went back to the application");

  const base = { server, method: "POST", request: authorizationRequest, client: client!, browser, interactionId, now: new Date() };
  if (step === "signin") return signIn(base, interaction, form, request);

  // consent: only from the session this interaction signed in (or found good enough).
  const session = await currentIdSession(server, request.header("cookie"));
  if (!session || session.id !== interaction.sessionId) return redirectResponse(`${server.config.issuer}/signin/${interactionId}`, "POST");
  if (form.get("decision") !== "allow") return deny(`${session.user.Login} denied consent`);
  const authorizedScope = await recordConsent(db, {
    appId: client!.id,
    applicationUri: client!.app.ApplicationUri,
    user: { id: session.user.Id, login: session.user.Login },
    scopes: authorizationRequest.scopes,
  });
  return continueAuthorization({ ...base, session, authorizedScope, sessionFromThisInteraction: true, consentedNow: true });
}

type StepBase = Omit<Parameters<typeof continueAuthorization>[0], "session" | "authorizedScope" | "sessionFromThisInteraction" | "consentedNow"> & { browser: BrowserBinding; interactionId: string };

async function signIn(base: StepBase, interaction: InteractionRecord<InteractionParams>, form: ReadonlyMap<string, string>, request: OAuthRequest): Promise<OAuthResponse> {
  const { server, interactionId } = base;
  const db = server.connection.db;
  const login = (form.get("username") ?? "").trim();
  const back = (query: string) => redirectResponse(`${server.config.issuer}/signin/${interactionId}?${query}`, "POST");
  const address = clientAddress(request);
  const result = await signInUser(server, { login, password: form.get("password") ?? "", address, app: base.client.app });
  if (result.kind !== "ok") {
    if (login !== "" && login !== interaction.lastLogin) await rememberInteractionLogin(db, interactionId, login);
    if (result.kind === "user_type") {
      server.log.refused({ event: "oauth.interaction.refused", error: "access_denied", ruleId: result.ruleId, detail: result.detail, client_id: interaction.clientId, ip: address });
      return back("e=user_type");
    }
    if (result.kind === "invalid") return back("e=invalid");
    return back(`e=${result.kind}&retry=${result.retryAfterSeconds}`);
  }
  const { session, setCookie } = await startIdSession(server, result.user, { address, userAgent: request.header("user-agent") ?? undefined });
  await setInteractionSession(db, interactionId, session.id);
  const authorizedScope = await findAuthorizationScope(db, base.client.id, result.user.Id);
  return continueAuthorization({ ...base, session, authorizedScope, sessionFromThisInteraction: true, consentedNow: false, cookies: [setCookie] });
}
