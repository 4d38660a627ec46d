import { describe, expect, it } from "vitest";
import { lintApp } from "@/lib/policy";
import { NOW, serviceUser, testOptions } from "@/lib/policy/testing";
import {
  EMPTY_TRUSTED_APPLICATION,
  joinUrlList,
  TEMPLATES,
  toPolicyApp,
  TrustedApplicationInputSchema,
  type TrustedApplicationFormValues,
} from "./trusted-application";

function valid(overrides: Partial<TrustedApplicationFormValues> = {}): TrustedApplicationFormValues {
  return {
    ...EMPTY_TRUSTED_APPLICATION,
    ApplicationUri: "com.vendor/portal",
    Name: { Default: "Vendor portal", Translations: [{ Language: "de", Text: "Händlerportal" }] },
    ImpersonateAsInternalUserAllowed: true,
    ImpersonateLoginUrls: ["https://portal.vendor.com/signin-oidc"],
    Scopes: ["read"],
    ...overrides,
  };
}

/** The issues of a failed parse as "path: message". */
function issues(input: unknown): string[] {
  const result = TrustedApplicationInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("TrustedApplicationInputSchema", () => {
  it("refuses NUL and other control characters in every text field, with a field message (PostgreSQL refuses NUL)", () => {
    expect(issues(valid({ ApplicationUri: "com.vendor/po\u0000rtal" }))).toContain("ApplicationUri: Application URI must not contain control characters (such as NUL or a line break)");
    expect(issues(valid({ Name: { Default: "Portal\u0000", Translations: [] } }))).toContain("Name.Default: Name must not contain control characters (such as NUL or a line break)");
    expect(issues(valid({ Name: { Default: "Portal", Translations: [{ Language: "de", Text: "Por\u001btal" }] } }))).toContain(
      "Name.Translations.0.Text: Translated name must not contain control characters (such as NUL or a line break)",
    );
    expect(issues(valid({ Notes: "line one\u0000" }))).toContain("Notes: Notes must not contain control characters (such as NUL or a line break)");
    expect(issues(valid({ SystemUserLogin: "svc\u0000" }))).toContain("SystemUserLogin: System user must not contain control characters (such as NUL or a line break)");
    expect(issues(valid({ Scopes: ["read\u0000"] }))[0]).toMatch(/^Scopes\.0: /);
    expect(issues(valid({ ImpersonateLoginUrls: ["https://a.vendor.com/\u0000"] }))[0]).toMatch(/^ImpersonateLoginUrls\.0: /);
    expect(issues(valid({ Name: { Default: "Portal \u202Eevil", Translations: [] } }))).toHaveLength(1);
    // Notes may span lines; a name may not.
    expect(issues(valid({ Notes: "line one\nline two\ttabbed" }))).toEqual([]);
    expect(issues(valid({ Name: { Default: "two\nlines", Translations: [] } }))).toHaveLength(1);
  });

  it("accepts a valid app and normalises text", () => {
    const parsed = TrustedApplicationInputSchema.parse(
      valid({ ApplicationUri: "  com.vendor/portal ", SystemUserLogin: "  ", Notes: "", SystemUserLoginUrl: "" }),
    );
    expect(parsed.ApplicationUri).toBe("com.vendor/portal");
    expect(parsed.SystemUserLogin).toBeNull();
    expect(parsed.SystemUserLoginUrl).toBeNull();
    expect(parsed.Notes).toBeNull();
  });

  it("names the field and the entry for bad redirect URIs", () => {
    expect(
      issues(
        valid({
          ImpersonateLoginUrls: ["https://a.vendor.com/cb", "/signin", "https://a.vendor.com/a,b", "https://a.vendor.com/a b", ""],
        }),
      ),
    ).toEqual([
      "ImpersonateLoginUrls.1: Login redirect URI 2 is not an absolute URL",
      "ImpersonateLoginUrls.2: Login redirect URI 3 must not contain a comma",
      "ImpersonateLoginUrls.3: Login redirect URI 4 must not contain spaces",
      "ImpersonateLoginUrls.4: Login redirect URI 5 is empty",
    ]);
    expect(issues(valid({ ImpersonateLogoutUrls: ["nope"] }))).toEqual([
      "ImpersonateLogoutUrls.0: Logout redirect URI 1 is not an absolute URL",
    ]);
  });

  it("leaves policy questions to the policy: http and wildcards are structurally fine", () => {
    expect(issues(valid({ ImpersonateLoginUrls: ["http://a.vendor.com/cb", "https://*.vendor.com/cb"] }))).toEqual([]);
  });

  it("limits URL lists to 50 entries of 2000 characters", () => {
    const many = Array.from({ length: 51 }, (_, i) => `https://a.vendor.com/${i}`);
    expect(issues(valid({ ImpersonateLoginUrls: many }))).toEqual(["ImpersonateLoginUrls: At most 50 login redirect uris"]);
    const long = `https://a.vendor.com/${"x".repeat(2000)}`;
    expect(issues(valid({ ImpersonateLoginUrls: [long] }))).toEqual([
      "ImpersonateLoginUrls.0: Login redirect URI 1 is longer than 2000 characters",
    ]);
  });

  it("checks SystemUserLoginUrl when present", () => {
    expect(issues(valid({ SystemUserLoginUrl: "svc/login" }))).toEqual([
      "SystemUserLoginUrl: System user login URL is not an absolute URL",
    ]);
    expect(issues(valid({ SystemUserLoginUrl: "https://svc.vendor.com/login" }))).toEqual([]);
  });

  it("validates ApplicationUri", () => {
    expect(issues(valid({ ApplicationUri: "ab" }))).toEqual(["ApplicationUri: Application URI must be at least 3 characters"]);
    expect(issues(valid({ ApplicationUri: "com.vendor/my app" }))).toEqual([
      "ApplicationUri: Application URI must not contain spaces",
    ]);
    expect(issues(valid({ ApplicationUri: "com.vendor/a,b" }))).toEqual([
      "ApplicationUri: Application URI must not contain a comma",
    ]);
    expect(issues(valid({ ApplicationUri: "x".repeat(201) }))).toEqual([
      "ApplicationUri: Application URI must be at most 200 characters",
    ]);
  });

  it("says which field is missing", () => {
    const { ApplicationUri: _omit, ...rest } = valid();
    expect(issues(rest)).toEqual(["ApplicationUri: Application URI is required"]);
    expect(issues(valid({ ClientType: "Secret" as never }))).toEqual(["ClientType: Client type must be Confidential or Public"]);
    expect(issues(valid({ IsEnabled: "yes" as never }))).toEqual(["IsEnabled: Enabled must be true or false"]);
  });

  it("validates the multi-language name", () => {
    expect(issues(valid({ Name: { Default: "  ", Translations: [] } }))).toEqual(["Name.Default: Name is required"]);
    expect(
      issues(
        valid({
          Name: {
            Default: "Portal",
            Translations: [
              { Language: "de", Text: "Portal" },
              { Language: "DE", Text: "Portal" },
              { Language: "pt-BR", Text: "Portal" },
              { Language: "de", Text: "" },
            ],
          },
        }),
      ),
    ).toEqual([
      "Name.Translations.1.Language: Language must be a language code such as de, fr or pt-BR",
      "Name.Translations.3.Text: Translated name is required",
      'Name.Translations.3.Language: Language "de" is listed twice',
    ]);
    expect(
      issues(valid({ Name: { Default: "P", Translations: [{ Language: "de", Text: "a" }, { Language: "de", Text: "b" }] } })),
    ).toEqual(['Name.Translations.1.Language: Language "de" is listed twice']);
  });

  it("validates scope tokens (RFC 6749 §3.3) and uniqueness, not their wisdom", () => {
    expect(issues(valid({ Scopes: ["read", 'a"b', "read", "", "sec"] }))).toEqual([
      'Scopes.1: Scope "a"b" may only contain visible ASCII characters other than " and \\',
      'Scopes.2: Scope "read" is listed twice',
      "Scopes.3: Scope 4 is empty",
    ]);
  });

  it("limits Notes to 4000 characters", () => {
    expect(issues(valid({ Notes: "n".repeat(4001) }))).toEqual(["Notes: Notes must be at most 4000 characters"]);
  });
});

describe("joinUrlList / toPolicyApp", () => {
  it("joins URLs in the seed's comma-separated form, null when empty", () => {
    expect(joinUrlList(["https://a.example.com/cb", "https://b.example.com/cb"])).toBe(
      "https://a.example.com/cb,https://b.example.com/cb",
    );
    expect(joinUrlList([])).toBeNull();
  });

  it("maps the input to the policy's view", () => {
    const input = TrustedApplicationInputSchema.parse(
      valid({ ImpersonateLogoutUrls: [], Scopes: ["read", "update"], SystemUserLogin: "svc-integration" }),
    );
    const user = serviceUser();
    expect(toPolicyApp(input, { HasApplicationSecret: true, SecretCreatedUtc: NOW, SystemUser: user })).toEqual({
      ApplicationUri: "com.vendor/portal",
      ClientType: "Confidential",
      HasApplicationSecret: true,
      SecretCreatedUtc: NOW,
      ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc",
      ImpersonateLogoutUrl: null,
      ImpersonateAsInternalUserAllowed: true,
      ImpersonateAsCommunityUserAllowed: false,
      SystemUserAllowed: false,
      SystemUser: user,
      SystemUserLoginUrl: null,
      Scope: "read update",
      AccessTokens: "None",
      BasicAuthenticationAllowed: false,
      IsEnabled: true,
    });
  });
});

describe("TEMPLATES", () => {
  it("leave redirect URIs to fill in, with examples on reserved names as placeholders only", () => {
    for (const t of TEMPLATES) {
      for (const field of ["ImpersonateLoginUrls", "ImpersonateLogoutUrls"] as const) {
        expect((t.values[field] ?? []).every((u) => u === ""), `${t.id} ${field}`).toBe(true);
        for (const example of t.placeholders?.[field] ?? []) expect(new URL(example).hostname).toMatch(/\.example\.com$/);
      }
    }
    // Submitted as they come, the empty entries are refused by name.
    const spa = TEMPLATES.find((t) => t.id === "spa-native")!;
    expect(issues({ ...EMPTY_TRUSTED_APPLICATION, ...spa.values, ApplicationUri: "com.vendor/spa", Name: { Default: "SPA", Translations: [] } })).toContain(
      "ImpersonateLoginUrls.0: Login redirect URI 1 is empty",
    );
  });

  it("offers blank plus the four setups of seed 000", () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(["blank", "interactive-web", "spa-native", "service-integration", "hybrid"]);
  });

  // Each template, completed with a name and a URI, is valid and has no error finding
  // (given a secret where Confidential and an ordinary service user). Its warnings are the
  // ones the seed's own setups carry.
  it.each([
    ["blank", ["warning:TA-MODE-NONE", "warning:TA-SCOPE-EMPTY"]],
    ["interactive-web", []],
    ["spa-native", ["warning:TA-MODE-COMMUNITY-ONLY"]],
    ["service-integration", ["info:TA-SCOPE-UPDATE"]],
    ["hybrid", ["warning:TA-MODE-USER-AND-SYSTEM", "info:TA-SCOPE-UPDATE"]],
  ])("%s parses and lints to %j", (id, expected) => {
    const template = TEMPLATES.find((t) => t.id === id)!;
    // The admin replaces each placeholder with the app's own URI.
    const own = (urls: readonly string[] | undefined) => urls?.map((u) => u.replace(/example\.com/, "vendor.com"));
    const input = TrustedApplicationInputSchema.parse({
      ...EMPTY_TRUSTED_APPLICATION,
      ...template.values,
      ...(template.placeholders
        ? { ImpersonateLoginUrls: own(template.placeholders.ImpersonateLoginUrls), ImpersonateLogoutUrls: own(template.placeholders.ImpersonateLogoutUrls) }
        : {}),
      ApplicationUri: "com.example/app",
      Name: { Default: template.title, Translations: [] },
    });
    const app = toPolicyApp(input, {
      HasApplicationSecret: input.ClientType === "Confidential",
      SecretCreatedUtc: input.ClientType === "Confidential" ? NOW : null,
      SystemUser: input.SystemUserLogin === null ? null : serviceUser({ Login: input.SystemUserLogin }),
    });
    expect(lintApp(app, testOptions()).map((f) => `${f.severity}:${f.ruleId}`)).toEqual(expected);
  });

  it("keeps the seed's wording in descriptions", () => {
    expect(TEMPLATES.find((t) => t.id === "spa-native")?.description).toContain(
      "Used by SPAs or device apps that cannot safely store secrets.",
    );
  });
});
