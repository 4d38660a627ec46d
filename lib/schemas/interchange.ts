// The interchange format of `apps export` / `apps import`: one object per app with the seed's
// attribute names (PascalCase, as the ERP's Domain API returns them). Import also reads a
// Domain API OData response ({ "value": [ … ] }). Never a secret or hash: an export says only
// whether a secret is set (ApplicationSecretSet); an imported app keeps the secret it has.
import { z } from "zod";
import { parseUrlList } from "@/lib/policy/urls";
import type { PolicyApp, PolicySystemUser } from "@/lib/policy/types";
import { TrustedApplicationInputSchema, toPolicyApp, type TrustedApplicationInput } from "./trusted-application";

/** What `apps export` writes for one app. */
export interface InterchangeRecord {
  ApplicationUri: string;
  /** A plain string, or { Default, <language>: text } when translations exist. */
  Name: string | Record<string, string>;
  ClientType: "Confidential" | "Public";
  ApplicationSecretSet: boolean;
  ImpersonateLoginUrl: string | null;
  ImpersonateLogoutUrl: string | null;
  ImpersonateAsInternalUserAllowed: boolean;
  ImpersonateAsCommunityUserAllowed: boolean;
  SystemUserAllowed: boolean;
  /** The SystemUser's login. */
  SystemUser: string | null;
  SystemUserLoginUrl: string | null;
  Scope: string | null;
  AccessTokens: "None" | "AuthenticatedUsers" | "AdministratorsOnly";
  BasicAuthenticationAllowed: boolean;
  IsEnabled: boolean;
  Notes: string | null;
  CreationTimeUtc: string;
}

export function toInterchange(input: TrustedApplicationInput, extra: { secretSet: boolean; creationTimeUtc: Date }): InterchangeRecord {
  const translations = Object.fromEntries(input.Name.Translations.map((t) => [t.Language, t.Text]));
  return {
    ApplicationUri: input.ApplicationUri,
    Name: input.Name.Translations.length ? { Default: input.Name.Default, ...translations } : input.Name.Default,
    ClientType: input.ClientType,
    ApplicationSecretSet: extra.secretSet,
    ImpersonateLoginUrl: input.ImpersonateLoginUrls.join(",") || null,
    ImpersonateLogoutUrl: input.ImpersonateLogoutUrls.join(",") || null,
    ImpersonateAsInternalUserAllowed: input.ImpersonateAsInternalUserAllowed,
    ImpersonateAsCommunityUserAllowed: input.ImpersonateAsCommunityUserAllowed,
    SystemUserAllowed: input.SystemUserAllowed,
    SystemUser: input.SystemUserLogin,
    SystemUserLoginUrl: input.SystemUserLoginUrl,
    Scope: input.Scopes.join(" ") || null,
    AccessTokens: input.AccessTokens,
    BasicAuthenticationAllowed: input.BasicAuthenticationAllowed,
    IsEnabled: input.IsEnabled,
    Notes: input.Notes,
    CreationTimeUtc: extra.creationTimeUtc.toISOString(),
  };
}

// Lenient reading of one record: the seed's defaults (seed 003) where an attribute is absent,
// the Domain API's spellings ('Confidential'/'Public', or the database's 'C'/'P').
const bool = (fallback: boolean) => z.boolean().nullish().transform((v) => v ?? fallback);
const RawRecordSchema = z.looseObject({
  ApplicationUri: z.string({ error: "ApplicationUri is required" }),
  Name: z.union([z.string(), z.record(z.string(), z.string())], { error: "Name must be a text or an object of language: text" }),
  ClientType: z
    .enum(["Confidential", "Public", "C", "P"], { error: "ClientType must be Confidential or Public" })
    .nullish()
    .transform((v) => (v === "P" || v === "Public" ? "Public" : "Confidential")),
  ApplicationSecretSet: z.boolean().nullish(),
  ApplicationSecretHash: z.string().nullish(),
  ImpersonateLoginUrl: z.string().nullish(),
  ImpersonateLogoutUrl: z.string().nullish(),
  ImpersonateAsInternalUserAllowed: bool(false),
  ImpersonateAsCommunityUserAllowed: bool(false),
  SystemUserAllowed: bool(false),
  SystemUser: z
    .union([z.string(), z.looseObject({ Login: z.string(), IsActive: z.boolean().optional(), IsAdministrator: z.boolean().optional() })])
    .nullish(),
  SystemUserLoginUrl: z.string().nullish(),
  Scope: z.string().nullish(),
  AccessTokens: z.enum(["None", "AuthenticatedUsers", "AdministratorsOnly"]).nullish().transform((v) => v ?? "None"),
  BasicAuthenticationAllowed: bool(false),
  IsEnabled: bool(true),
  Notes: z.string().nullish(),
  CreationTimeUtc: z.iso.datetime({ offset: true }).nullish(),
});

export interface ParsedRecord {
  input: TrustedApplicationInput;
  creationTimeUtc?: Date;
  policyApp: PolicyApp;
}

export type InterchangeResult = { ok: true; records: ParsedRecord[] } | { ok: false; errors: string[] };

function splitName(name: string | Record<string, string>): TrustedApplicationInput["Name"] {
  if (typeof name === "string") return { Default: name, Translations: [] };
  const entries = Object.entries(name);
  const defaultKey = "Default" in name ? "Default" : (entries.find(([k]) => k.toLowerCase() === "en")?.[0] ?? entries[0]?.[0]);
  return {
    Default: defaultKey ? (name[defaultKey] ?? "") : "",
    Translations: entries.filter(([k]) => k !== defaultKey).map(([Language, Text]) => ({ Language: Language.toLowerCase(), Text })),
  };
}

// The form's field names differ from the file's where the file stores a list as one string
// (seed 000's comma-separated URIs, the space-delimited Scope) or names the user by login.
const FILE_FIELDS: Record<string, string> = {
  ImpersonateLoginUrls: "ImpersonateLoginUrl",
  ImpersonateLogoutUrls: "ImpersonateLogoutUrl",
  Scopes: "Scope",
  SystemUserLogin: "SystemUser",
  Name: "Name",
};

/** The attribute of the file a schema issue is about: an error must name what the admin can find in the file. */
function fileField(path: readonly PropertyKey[]): string {
  const head = String(path[0] ?? "");
  // List entries are named in the message ("Login redirect URI 2 …", "Scope "x" …").
  return FILE_FIELDS[head] ?? (path.map(String).join(".") || "(record)");
}

/** Reads an export (array) or an OData response ({ value: [] }); every problem names its record index and field. */
export function parseInterchange(json: unknown): InterchangeResult {
  const list = Array.isArray(json) ? json : (json as { value?: unknown } | null)?.value;
  if (!Array.isArray(list)) return { ok: false, errors: ['expected an array of apps or an OData response { "value": [ … ] }'] };
  const errors: string[] = [];
  const records: ParsedRecord[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const raw = RawRecordSchema.safeParse(item);
    if (!raw.success) {
      for (const issue of raw.error.issues) errors.push(`record ${index}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
      return;
    }
    const r = raw.data;
    const systemUser = r.SystemUser == null ? null : typeof r.SystemUser === "string" ? { Login: r.SystemUser } : r.SystemUser;
    const candidate = {
      ApplicationUri: r.ApplicationUri,
      Name: splitName(r.Name),
      ClientType: r.ClientType,
      ImpersonateLoginUrls: parseUrlList(r.ImpersonateLoginUrl ?? null),
      ImpersonateLogoutUrls: parseUrlList(r.ImpersonateLogoutUrl ?? null),
      ImpersonateAsInternalUserAllowed: r.ImpersonateAsInternalUserAllowed,
      ImpersonateAsCommunityUserAllowed: r.ImpersonateAsCommunityUserAllowed,
      SystemUserAllowed: r.SystemUserAllowed,
      SystemUserLogin: systemUser?.Login ?? null,
      SystemUserLoginUrl: r.SystemUserLoginUrl ?? null,
      Scopes: (r.Scope ?? "").split(" ").filter(Boolean),
      AccessTokens: r.AccessTokens,
      BasicAuthenticationAllowed: r.BasicAuthenticationAllowed,
      IsEnabled: r.IsEnabled,
      Notes: r.Notes ?? null,
    };
    const parsed = TrustedApplicationInputSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`record ${index}: ${fileField(issue.path)}: ${issue.message}`);
      return;
    }
    const previous = seen.get(parsed.data.ApplicationUri);
    if (previous !== undefined) {
      errors.push(`record ${index}: ApplicationUri: "${parsed.data.ApplicationUri}" already appears in record ${previous}`);
      return;
    }
    seen.set(parsed.data.ApplicationUri, index);
    // Facts about the SystemUser that a file may not carry are assumed harmless here; the
    // database lint after an import uses the real user.
    const policyUser: PolicySystemUser | null = systemUser
      ? { Login: systemUser.Login, IsActive: systemUser.IsActive ?? true, IsAdministrator: systemUser.IsAdministrator ?? false }
      : null;
    records.push({
      input: parsed.data,
      creationTimeUtc: r.CreationTimeUtc ? new Date(r.CreationTimeUtc) : undefined,
      policyApp: toPolicyApp(parsed.data, {
        HasApplicationSecret: r.ApplicationSecretSet ?? !!r.ApplicationSecretHash,
        SecretCreatedUtc: null,
        SystemUser: policyUser,
      }),
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, records };
}
