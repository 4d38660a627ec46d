// The Trusted Application as the console's form and save actions receive it (seed 003
// attributes, seed 000 AccessTokens). Structural validity only: whether a URI uses https or
// a scope is wise is a policy question (lib/policy), shown as findings, never a schema
// error. Forms derive from this schema with .pick()/.extend(); the save actions parse it.

import { z } from "zod";
import { isValidScopeToken } from "@/lib/policy/scopes";
import {
  ACCESS_TOKENS_POLICIES,
  CLIENT_TYPES,
  type PolicyApp,
  type PolicySystemUser,
} from "@/lib/policy/types";
import { analyzeUrl } from "@/lib/policy/urls";
import { noControlCharacters } from "./text";

const MAX_URLS = 50;
const MAX_URL_LENGTH = 2000;
const NO_WHITESPACE = /^\S*$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** Required text with a message naming the field (zod's default says only "expected string"); no control characters. */
function text(label: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined || issue.input === null ? `${label} is required` : `${label} must be text`),
    })
    .superRefine(noControlCharacters(label));
}

/** Why `url` is not an acceptable URL entry, or null. Same definition of absolute as the lint. */
function urlProblem(url: string): string | null {
  if (url === "") return "is empty";
  if (url.length > MAX_URL_LENGTH) return `is longer than ${MAX_URL_LENGTH} characters`;
  // The seed stores the lists comma-separated (seed 000), so a comma would split the URI.
  if (url.includes(",")) return "must not contain a comma";
  const facts = analyzeUrl(url);
  if (facts.whitespace) return "must not contain spaces";
  if (!facts.absolute) return "is not an absolute URL";
  return null;
}

/** A list of redirect URIs; every problem names the entry: "Login redirect URI 2 is not an absolute URL". */
function urlList(label: string) {
  return z
    .array(text(`${label} entries`).trim(), { error: `${label}s must be a list` })
    .max(MAX_URLS, `At most ${MAX_URLS} ${label.toLowerCase()}s`)
    .superRefine((urls, ctx) => {
      urls.forEach((url, i) => {
        const problem = urlProblem(url);
        if (problem !== null) ctx.addIssue({ code: "custom", message: `${label} ${i + 1} ${problem}`, path: [i] });
      });
    });
}

/** Optional text: trimmed, "" and absent become null; no control characters (line breaks only when `multiline`). */
function optionalText(label: string, max: number, options: { multiline?: boolean } = {}) {
  return z
    .string({ error: `${label} must be text` })
    .superRefine(noControlCharacters(label, options))
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === undefined || v === null || v === "" ? null : v));
}

function flag(label: string) {
  return z.boolean({ error: `${label} must be true or false` });
}

const TranslationSchema = z.object({
  Language: text("Language")
    .trim()
    .regex(LANGUAGE, "Language must be a language code such as de, fr or pt-BR"),
  Text: text("Translated name")
    .trim()
    .min(1, "Translated name is required")
    .max(200, "Translated name must be at most 200 characters"),
});

export const NameSchema = z.object({
  Default: text("Name").trim().min(1, "Name is required").max(200, "Name must be at most 200 characters"),
  Translations: z
    .array(TranslationSchema, { error: "Name translations must be a list" })
    .default([])
    .superRefine((translations, ctx) => {
      const seen = new Set<string>();
      translations.forEach((t, i) => {
        if (seen.has(t.Language)) {
          ctx.addIssue({ code: "custom", message: `Language "${t.Language}" is listed twice`, path: [i, "Language"] });
        }
        seen.add(t.Language);
      });
    }),
});

export const TrustedApplicationInputSchema = z.object({
  ApplicationUri: text("Application URI")
    .trim()
    .min(3, "Application URI must be at least 3 characters")
    .max(200, "Application URI must be at most 200 characters")
    .regex(NO_WHITESPACE, "Application URI must not contain spaces")
    // ApplicationUri is the client_id and appears in comma-separated contexts.
    .refine((v) => !v.includes(","), "Application URI must not contain a comma"),
  Name: NameSchema,
  ClientType: z.enum(CLIENT_TYPES, { error: "Client type must be Confidential or Public" }),
  ImpersonateLoginUrls: urlList("Login redirect URI"),
  ImpersonateLogoutUrls: urlList("Logout redirect URI"),
  ImpersonateAsInternalUserAllowed: flag("Internal user login"),
  ImpersonateAsCommunityUserAllowed: flag("Community user login"),
  SystemUserAllowed: flag("Service access"),
  SystemUserLogin: optionalText("System user", 200),
  SystemUserLoginUrl: optionalText("System user login URL", MAX_URL_LENGTH).superRefine((url, ctx) => {
    if (url === null) return;
    const problem = urlProblem(url);
    if (problem !== null) ctx.addIssue({ code: "custom", message: `System user login URL ${problem}` });
  }),
  Scopes: z
    .array(text("Scope").trim(), { error: "Scopes must be a list" })
    .max(50, "At most 50 scopes")
    .superRefine((scopes, ctx) => {
      const seen = new Set<string>();
      scopes.forEach((scope, i) => {
        if (scope === "") {
          ctx.addIssue({ code: "custom", message: `Scope ${i + 1} is empty`, path: [i] });
        } else if (!isValidScopeToken(scope)) {
          // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
          ctx.addIssue({
            code: "custom",
            message: `Scope "${scope}" may only contain visible ASCII characters other than " and \\`,
            path: [i],
          });
        } else if (seen.has(scope)) {
          ctx.addIssue({ code: "custom", message: `Scope "${scope}" is listed twice`, path: [i] });
        }
        seen.add(scope);
      });
    }),
  AccessTokens: z.enum(ACCESS_TOKENS_POLICIES, {
    error: "Access tokens must be None, AuthenticatedUsers or AdministratorsOnly",
  }),
  BasicAuthenticationAllowed: flag("Basic authentication"),
  IsEnabled: flag("Enabled"),
  Notes: optionalText("Notes", 4000, { multiline: true }),
});

/** What the form edits (before trimming and empty-to-null). */
export type TrustedApplicationFormValues = z.input<typeof TrustedApplicationInputSchema>;
/** A validated Trusted Application, as the save actions receive it. */
export type TrustedApplicationInput = z.output<typeof TrustedApplicationInputSchema>;
export type TrustedApplicationName = TrustedApplicationInput["Name"];

/** The seed's stored form of a URL list: comma-separated (seed 000), null when empty. */
export function joinUrlList(urls: readonly string[]): string | null {
  return urls.length === 0 ? null : urls.join(",");
}

/** The policy's view of a validated input, plus what only the server knows. */
export function toPolicyApp(
  input: TrustedApplicationInput,
  extras: { HasApplicationSecret: boolean; SecretCreatedUtc: Date | null; SystemUser: PolicySystemUser | null },
): PolicyApp {
  return {
    ApplicationUri: input.ApplicationUri,
    ClientType: input.ClientType,
    HasApplicationSecret: extras.HasApplicationSecret,
    SecretCreatedUtc: extras.SecretCreatedUtc,
    ImpersonateLoginUrl: joinUrlList(input.ImpersonateLoginUrls),
    ImpersonateLogoutUrl: joinUrlList(input.ImpersonateLogoutUrls),
    ImpersonateAsInternalUserAllowed: input.ImpersonateAsInternalUserAllowed,
    ImpersonateAsCommunityUserAllowed: input.ImpersonateAsCommunityUserAllowed,
    SystemUserAllowed: input.SystemUserAllowed,
    SystemUser: extras.SystemUser,
    SystemUserLoginUrl: input.SystemUserLoginUrl,
    Scope: input.Scopes.length === 0 ? null : input.Scopes.join(" "),
    AccessTokens: input.AccessTokens,
    BasicAuthenticationAllowed: input.BasicAuthenticationAllowed,
    IsEnabled: input.IsEnabled,
  };
}

/** Seed 003 defaults: ClientType C, every flag false except IsEnabled, AccessTokens None (seed 000). */
export const EMPTY_TRUSTED_APPLICATION: TrustedApplicationInput = {
  ApplicationUri: "",
  Name: { Default: "", Translations: [] },
  ClientType: "Confidential",
  ImpersonateLoginUrls: [],
  ImpersonateLogoutUrls: [],
  ImpersonateAsInternalUserAllowed: false,
  ImpersonateAsCommunityUserAllowed: false,
  SystemUserAllowed: false,
  SystemUserLogin: null,
  SystemUserLoginUrl: null,
  Scopes: [],
  AccessTokens: "None",
  BasicAuthenticationAllowed: false,
  IsEnabled: true,
  Notes: null,
};

export type TemplateId = "blank" | "interactive-web" | "spa-native" | "service-integration" | "hybrid";

export interface TrustedApplicationTemplate {
  id: TemplateId;
  title: string;
  /** Seed 000 wording ("Common Configurations"). */
  description: string;
  /** Merged over EMPTY_TRUSTED_APPLICATION by the form. */
  values: Partial<TrustedApplicationInput>;
  /**
   * Examples shown in the redirect URI fields the template leaves empty, to be replaced: on
   * reserved example names (RFC 2606), which TA-REDIRECT-PLACEHOLDER flags if kept.
   */
  placeholders?: { ImpersonateLoginUrls?: readonly string[]; ImpersonateLogoutUrls?: readonly string[] };
}

/** The four common configurations of seed 000, plus a blank record. */
export const TEMPLATES: readonly TrustedApplicationTemplate[] = [
  {
    id: "blank",
    title: "Blank",
    description: "Start from the defaults of Systems.Security.TrustedApplications (seed 003): everything off, app enabled.",
    values: {},
  },
  {
    id: "interactive-web",
    title: "Interactive web application (server-side)",
    description:
      "Used by web applications that authenticate users through a browser and operate from a secure backend. Use for: Company portals, admin dashboards, or internal business apps.",
    values: {
      ClientType: "Confidential",
      ImpersonateLoginUrls: [""],
      ImpersonateLogoutUrls: [""],
      ImpersonateAsInternalUserAllowed: true,
      ImpersonateAsCommunityUserAllowed: false,
      SystemUserAllowed: false,
      SystemUserLogin: null,
      Scopes: ["read"],
      AccessTokens: "None",
      BasicAuthenticationAllowed: false,
    },
    placeholders: { ImpersonateLoginUrls: ["https://portal.example.com/signin-oidc"], ImpersonateLogoutUrls: ["https://portal.example.com/signout-callback-oidc"] },
  },
  {
    id: "spa-native",
    title: "Single-page or native application",
    description:
      "Used by SPAs or device apps that cannot safely store secrets. Use for: Browser-based frontends, mobile apps, or desktop clients.",
    values: {
      ClientType: "Public",
      ImpersonateLoginUrls: [""],
      ImpersonateLogoutUrls: [""],
      ImpersonateAsInternalUserAllowed: false,
      ImpersonateAsCommunityUserAllowed: true,
      SystemUserAllowed: false,
      SystemUserLogin: null,
      Scopes: ["read"],
      AccessTokens: "None",
      BasicAuthenticationAllowed: false,
    },
    placeholders: { ImpersonateLoginUrls: ["https://spa.example.com/callback"], ImpersonateLogoutUrls: ["https://spa.example.com/"] },
  },
  {
    id: "service-integration",
    title: "Service or integration application",
    description:
      "Used by background services, integration agents, or scheduled jobs that run without user interaction. Use for: ERP.net integrations, synchronization tools, data migration, or automation services.",
    values: {
      ClientType: "Confidential",
      ImpersonateLoginUrls: [],
      ImpersonateLogoutUrls: [],
      ImpersonateAsInternalUserAllowed: false,
      ImpersonateAsCommunityUserAllowed: false,
      SystemUserAllowed: true,
      SystemUserLogin: "svc-integration",
      Scopes: ["read", "update"],
      AccessTokens: "None",
      BasicAuthenticationAllowed: false,
    },
  },
  {
    id: "hybrid",
    title: "Hybrid app (interactive + service)",
    description:
      "Used when the same application has both an interactive UI (user sign-in) and background service features (scheduled sync or automation).",
    values: {
      ClientType: "Confidential",
      ImpersonateLoginUrls: [""],
      ImpersonateLogoutUrls: [""],
      ImpersonateAsInternalUserAllowed: true,
      ImpersonateAsCommunityUserAllowed: false,
      SystemUserAllowed: true,
      SystemUserLogin: "svc-integration",
      Scopes: ["read", "update"],
      AccessTokens: "None",
      BasicAuthenticationAllowed: false,
    },
    placeholders: { ImpersonateLoginUrls: ["https://hybrid.example.com/signin-oidc"], ImpersonateLogoutUrls: ["https://hybrid.example.com/signout-callback-oidc"] },
  },
];
