// What the identity server's sign-in and consent pages show (app/id/signin, app/id/consent):
// read here, with the same browser binding the forms' posts are checked against, so a page
// only renders for the browser that started the interaction, with that browser's CSRF token.
import { findInteraction } from "@/lib/db/id-sessions";
import { acceptedUserTypes, type UserType } from "@/lib/policy/interactive";
import { scopeInfo } from "@/lib/policy/scopes";
import type { OAuthServer } from "../server";
import { existingBrowserBinding, csrfToken } from "./browser";
import { currentIdSession } from "./id-session";
import type { InteractionParams } from "./interaction";
import { localizedName } from "./locale";

interface AppHeading {
  interactionId: string;
  /** The app's Name in the browser's language when a translation exists (seed 003 multi-language Name). */
  appName: string;
  appNameLang: string | null;
  applicationUri: string;
  csrf: string;
  /** Where the page's forms post (POST /id/interaction/<id>/<step>). */
  actions: { signin: string; consent: string; abort: string };
}

export type SignInView =
  | { kind: "expired" }
  | (AppHeading & { kind: "signin"; acceptedTypes: UserType[]; lastLogin: string | null });

export type ConsentView =
  | { kind: "expired" }
  | { kind: "signin"; href: string }
  | (AppHeading & { kind: "consent"; user: { displayName: string; login: string }; scopes: { name: string; description: string }[] });

async function heading(server: OAuthServer, interactionId: string, cookieHeader: string | null, acceptLanguage: string | null) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(interactionId)) return null;
  const interaction = await findInteraction<InteractionParams>(server.connection.db, interactionId);
  const browser = existingBrowserBinding(cookieHeader);
  if (!interaction || !browser || browser.hash !== interaction.browserHash) return null;
  const row = await server.connection.db.trustedApplication.findUnique({
    where: { ApplicationUri: interaction.clientId },
    select: { Name: true, NameTranslations: true },
  });
  const client = await server.registry.get(interaction.clientId);
  if (!row || !client || !client.app.IsEnabled) return null;
  const name = localizedName(row.Name, (row.NameTranslations ?? {}) as Record<string, string>, acceptLanguage);
  const base = `${server.config.issuer}/interaction/${interactionId}`;
  const view: AppHeading = {
    interactionId,
    appName: name.text,
    appNameLang: name.lang,
    applicationUri: interaction.clientId,
    csrf: csrfToken(browser, interactionId),
    actions: { signin: `${base}/signin`, consent: `${base}/consent`, abort: `${base}/abort` },
  };
  return { view, interaction, client };
}

export async function signInView(server: OAuthServer, interactionId: string, cookieHeader: string | null, acceptLanguage: string | null): Promise<SignInView> {
  const found = await heading(server, interactionId, cookieHeader, acceptLanguage);
  if (!found) return { kind: "expired" };
  return { ...found.view, kind: "signin", acceptedTypes: acceptedUserTypes(found.client.app), lastLogin: found.interaction.lastLogin };
}

export async function consentView(server: OAuthServer, interactionId: string, cookieHeader: string | null, acceptLanguage: string | null): Promise<ConsentView> {
  const found = await heading(server, interactionId, cookieHeader, acceptLanguage);
  if (!found) return { kind: "expired" };
  const session = await currentIdSession(server, cookieHeader);
  if (!session || session.id !== found.interaction.sessionId) return { kind: "signin", href: `${server.config.issuer}/signin/${interactionId}` };
  return {
    ...found.view,
    kind: "consent",
    user: { displayName: session.user.DisplayName, login: session.user.Login },
    // Seed 004's plain-language description of each scope.
    scopes: found.interaction.params.request.scopes.map((name) => ({ name, description: scopeInfo(name)?.description ?? "" })),
  };
}
