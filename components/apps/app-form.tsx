"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { createAppAction } from "@/lib/actions/create-app";
import { previewAppSave } from "@/lib/actions/preview-app-save";
import { updateAppAction } from "@/lib/actions/update-app";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { isFleetRule, lintApp } from "@/lib/policy/lint";
import { sortFindings } from "@/lib/policy/findings";
import { SCOPES } from "@/lib/policy/scopes";
import type { PolicyOptions } from "@/lib/policy/types";
import {
  TrustedApplicationInputSchema,
  toPolicyApp,
  type TrustedApplicationFormValues,
  type TrustedApplicationInput,
  type TrustedApplicationTemplate,
} from "@/lib/schemas/trusted-application";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useDebounced } from "@/components/ui/use-debounced";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";
import { FindingsList } from "./findings-list";
import { SaveReviewDialog, type RiskReview } from "./save-review-dialog";
import { SecretDialog } from "./secret-dialog";
import { SystemUserPicker, type PickedUser } from "./system-user-picker";
import { useRefreshAfterMutation } from "./use-refresh-after-mutation";
import { UrlListEditor } from "./url-list-editor";

export interface AppFormProps {
  mode: "create" | "edit";
  id?: string;
  version?: number;
  defaultValues: TrustedApplicationInput;
  systemUser: PickedUser | null;
  secret: { has: boolean; createdUtc: string | null };
  policy: Pick<PolicyOptions, "secretRotationDays" | "allowLoopbackHttp">;
  /** A template's example redirect URIs, shown as placeholders of the empty entries. */
  placeholders?: TrustedApplicationTemplate["placeholders"];
}

function messageAt(errors: FieldErrors<TrustedApplicationFormValues>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

function Field({ id, label, error, help, children }: { id: string; label: string; error?: string; help?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {help && <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">{help}</p>}
      <div className="mt-1">{children}</div>
      {error && <p id={`${id}-error`} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

function Check({ label, help, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: string; help?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-1" {...props} />
      <span>
        <span className="font-medium">{label}</span>
        {help && <span className="block text-xs text-slate-600 dark:text-slate-400">{help}</span>}
      </span>
    </label>
  );
}

const SELECTABLE = Object.values(SCOPES);

export function AppForm({ mode, id, version, defaultValues, systemUser: initialUser, secret, policy, placeholders }: AppFormProps) {
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefreshAfterMutation();
  const [pending, start] = useTransition();
  const [systemUser, setSystemUser] = useState<PickedUser | null>(initialUser);
  const [review, setReview] = useState<RiskReview | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState<{ value: string; next: string } | null>(null);

  const [validated, setValidated] = useState<TrustedApplicationInput | null>(null);
  const form = useForm<TrustedApplicationFormValues, unknown, TrustedApplicationInput>({
    resolver: zodResolver(TrustedApplicationInputSchema),
    defaultValues,
    mode: "onChange",
  });
  const { register, control, handleSubmit, formState, setError, setValue } = form;
  const translations = useFieldArray({ control, name: "Name.Translations" });
  const values = useWatch({ control }) as TrustedApplicationInput;

  const { confirmLeave, release } = useUnsavedChanges(formState.isDirty);

  // Live findings: the same lib/policy the server and the token endpoint ask, here in the
  // browser as the admin types; the rules that compare with other apps (a shared SystemUser,
  // a shared redirect URI) need the fleet, so the server adds theirs, a moment later.
  const localFindings = useMemo(() => {
    const v = { ...defaultValues, ...values } as TrustedApplicationInput;
    const app = toPolicyApp(
      { ...v, ImpersonateLoginUrls: (v.ImpersonateLoginUrls ?? []).filter(Boolean), ImpersonateLogoutUrls: (v.ImpersonateLogoutUrls ?? []).filter(Boolean), Scopes: v.Scopes ?? [] },
      {
        HasApplicationSecret: v.ClientType === "Confidential",
        SecretCreatedUtc: v.ClientType === "Confidential" ? (secret.createdUtc ? new Date(secret.createdUtc) : new Date()) : null,
        SystemUser: systemUser && v.SystemUserLogin === systemUser.Login ? systemUser : v.SystemUserLogin ? { Login: v.SystemUserLogin, IsActive: true, IsAdministrator: false } : null,
      },
    );
    return lintApp(app, { now: new Date(), ...policy });
  }, [values, systemUser, secret.createdUtc, policy, defaultValues]);
  const valid = useMemo(() => TrustedApplicationInputSchema.safeParse(values), [values]);
  const proposed = useDebounced(valid.success ? JSON.stringify(valid.data) : null, 400);
  const fleetFindings = useQuery({
    queryKey: ["fleet-findings", id ?? null, proposed],
    queryFn: async () => {
      const r = await previewAppSave({ id: id ?? null, input: JSON.parse(proposed!) as TrustedApplicationInput });
      return r.ok ? r.data.findings.filter((f) => isFleetRule(f.ruleId)) : [];
    },
    enabled: proposed !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const findings = useMemo(
    () => sortFindings([...localFindings.filter((f) => !isFleetRule(f.ruleId)), ...(fleetFindings.data ?? [])]),
    [localFindings, fleetFindings.data],
  );

  const fail = (r: ActionFailure) => {
    if (r.fieldErrors) {
      for (const [path, messages] of Object.entries(r.fieldErrors)) {
        const field = path.replace(/^input\./, "") as keyof TrustedApplicationFormValues;
        setError(field, { type: "server", message: messages[0] });
      }
    }
    setBanner(r.message);
    toast("error", r.message);
  };

  const onSave = handleSubmit((input) =>
    start(async () => {
      setBanner(null);
      if (mode === "edit" && !formState.isDirty) {
        toast("success", "Nothing has changed: there is nothing to save.");
        return;
      }
      const r = await previewAppSave({ id: id ?? null, input });
      if (!r.ok) return fail(r);
      setValidated(input);
      setReview(r.data);
    }),
  );

  const commit = (consent: { acknowledgeWarnings: boolean; justification: string | null }) =>
    start(async () => {
      const input = validated;
      if (!input) return;
      const r =
        mode === "create"
          ? await createAppAction({ input, consent })
          : await updateAppAction({ id: id!, version: version!, input, consent });
      setReview(null);
      if (!r.ok) return fail(r);
      const target = `/apps/${r.data.id}`;
      release(); // saved: leaving loses nothing
      const unchanged = mode === "edit" && (r.data as { changedFields?: string[] }).changedFields?.length === 0;
      toast("success", unchanged ? "Nothing had changed: no new version." : mode === "create" ? `${input.ApplicationUri} registered.` : `${input.ApplicationUri} saved.`);
      if (r.data.secret) setNewSecret({ value: r.data.secret, next: target });
      else refresh(target);
    });

  const err = (path: string) => messageAt(formState.errors, path);
  const urlErrors = (name: "ImpersonateLoginUrls" | "ImpersonateLogoutUrls") => {
    const list = formState.errors[name] as unknown as ({ message?: string } | undefined)[] | undefined;
    return Array.isArray(list) ? list.map((e) => e?.message) : [];
  };
  const scopes = values.Scopes ?? [];
  const unknownScopes = scopes.filter((s) => !SELECTABLE.some((x) => x.name === s));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem] [&>*]:min-w-0">
      <form onSubmit={onSave} noValidate className="space-y-6" aria-label={mode === "create" ? "Register application" : "Edit application"}>
        {banner && (
          <div role="alert" data-testid="form-banner" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {banner}
          </div>
        )}
        <section className="space-y-4 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">Identity</h2>
          <Field id="ApplicationUri" label="ApplicationUri (client_id)" help='Globally unique, reverse host name format, e.g. "com.vendor/app".' error={err("ApplicationUri")}>
            <input id="ApplicationUri" className="input font-mono" {...register("ApplicationUri")} aria-invalid={!!err("ApplicationUri")} />
          </Field>
          <Field id="NameDefault" label="Name" error={err("Name.Default")}>
            <input id="NameDefault" className="input" {...register("Name.Default")} aria-invalid={!!err("Name.Default")} />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium">Name translations</legend>
            <ul className="space-y-1">
              {translations.fields.map((f, i) => (
                <li key={f.id} className="flex gap-2">
                  <label htmlFor={`lang-${i}`} className="sr-only">Language {i + 1}</label>
                  <input id={`lang-${i}`} className="input w-24" placeholder="bg" {...register(`Name.Translations.${i}.Language`)} />
                  <label htmlFor={`text-${i}`} className="sr-only">Translated name {i + 1}</label>
                  <input id={`text-${i}`} className="input" {...register(`Name.Translations.${i}.Text`)} />
                  <Button variant="ghost" aria-label={`Remove translation ${i + 1}`} onClick={() => translations.remove(i)}>✕</Button>
                </li>
              ))}
            </ul>
            {err("Name.Translations") && <p role="alert" className="text-xs text-red-700 dark:text-red-300">{err("Name.Translations")}</p>}
            {translations.fields.map((_, i) => {
              const m = err(`Name.Translations.${i}.Language`) ?? err(`Name.Translations.${i}.Text`);
              return m ? <p key={i} role="alert" className="text-xs text-red-700 dark:text-red-300">Translation {i + 1}: {m}</p> : null;
            })}
            <Button variant="secondary" className="mt-1" onClick={() => translations.append({ Language: "", Text: "" })}>Add translation</Button>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium">ClientType</legend>
            <div className="mt-1 flex gap-4 text-sm">
              <label className="flex items-center gap-2"><input type="radio" value="Confidential" {...register("ClientType")} /> Confidential (server-side, keeps a secret)</label>
              <label className="flex items-center gap-2"><input type="radio" value="Public" {...register("ClientType")} /> Public (SPA, native: no secret)</label>
            </div>
            {mode === "create" && values.ClientType === "Confidential" && (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">A secret is generated when you save and shown once.</p>
            )}
          </fieldset>
        </section>

        <section className="space-y-4 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">Interactive sign-in</h2>
          <Check label="ImpersonateAsInternalUserAllowed" help="Internal users may sign in to the app." {...register("ImpersonateAsInternalUserAllowed")} />
          <Check label="ImpersonateAsCommunityUserAllowed" help="Community (external) users may sign in to the app." {...register("ImpersonateAsCommunityUserAllowed")} />
          <Controller
            control={control}
            name="ImpersonateLoginUrls"
            render={({ field }) => (
              <UrlListEditor id="login-urls" label="ImpersonateLoginUrl" help="Allowed login redirect URIs; exact match, HTTPS." value={field.value ?? []} onChange={field.onChange} errors={urlErrors("ImpersonateLoginUrls")} placeholders={placeholders?.ImpersonateLoginUrls} />
            )}
          />
          <Controller
            control={control}
            name="ImpersonateLogoutUrls"
            render={({ field }) => (
              <UrlListEditor id="logout-urls" label="ImpersonateLogoutUrl" help="Allowed post-logout redirect URIs; exact match, HTTPS." value={field.value ?? []} onChange={field.onChange} errors={urlErrors("ImpersonateLogoutUrls")} placeholders={placeholders?.ImpersonateLogoutUrls} />
            )}
          />
        </section>

        <section className="space-y-4 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">Service access</h2>
          <Check label="SystemUserAllowed" help="The app may log on as a service (client credentials)." {...register("SystemUserAllowed")} />
          <SystemUserPicker
            value={systemUser && values.SystemUserLogin === systemUser.Login ? systemUser : null}
            error={err("SystemUserLogin")}
            onChange={(u) => {
              setSystemUser(u);
              setValue("SystemUserLogin", u?.Login ?? null, { shouldDirty: true, shouldValidate: true });
            }}
          />
          <Field id="SystemUserLoginUrl" label="SystemUserLoginUrl" error={err("SystemUserLoginUrl")}>
            <input id="SystemUserLoginUrl" className="input font-mono text-xs" {...register("SystemUserLoginUrl", { setValueAs: (v) => (v === "" ? null : v) })} />
          </Field>
        </section>

        <section className="space-y-4 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">Access</h2>
          <fieldset>
            <legend className="text-sm font-medium">Scope</legend>
            <ul className="mt-1 space-y-1">
              {SELECTABLE.map((s) => {
                const blocked = s.availability !== "all";
                const checked = scopes.includes(s.name);
                return (
                  <li key={s.name}>
                    <label className={`flex items-start gap-2 text-sm ${blocked && !checked ? "opacity-60" : ""}`}>
                      <input
                        type="checkbox"
                        className="mt-1"
                        checked={checked}
                        disabled={blocked && !checked}
                        onChange={(e) =>
                          setValue("Scopes", e.target.checked ? [...scopes, s.name] : scopes.filter((x) => x !== s.name), { shouldDirty: true, shouldValidate: true })
                        }
                      />
                      <span>
                        <code className="font-semibold">{s.name}</code>
                        {s.availability === "internal" && <span className="ml-2 text-xs font-medium text-red-800 dark:text-red-300">reserved: internal use only</span>}
                        {s.availability === "deprecated" && <span className="ml-2 text-xs font-medium text-red-800 dark:text-red-300">deprecated: must not be used</span>}
                        <span className="block text-xs text-slate-600 dark:text-slate-400">{s.description}</span>
                      </span>
                    </label>
                  </li>
                );
              })}
              {unknownScopes.map((s) => (
                <li key={s}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked onChange={() => setValue("Scopes", scopes.filter((x) => x !== s), { shouldDirty: true, shouldValidate: true })} />
                    <code>{s}</code> <span className="text-xs text-amber-800 dark:text-amber-300">unknown scope (untick to remove)</span>
                  </label>
                </li>
              ))}
            </ul>
            {err("Scopes") && <p role="alert" className="text-xs text-red-700 dark:text-red-300">{err("Scopes")}</p>}
          </fieldset>
          <Field id="AccessTokens" label="AccessTokens (who may issue reference tokens: PAT/SAT)">
            <select id="AccessTokens" className="input" {...register("AccessTokens")}>
              <option value="None">None: reference tokens cannot be issued</option>
              <option value="AdministratorsOnly">AdministratorsOnly</option>
              <option value="AuthenticatedUsers">AuthenticatedUsers</option>
            </select>
          </Field>
          <Check label="BasicAuthenticationAllowed" help="Legacy Basic auth. Even one app with this ON allows Basic auth for the whole database." {...register("BasicAuthenticationAllowed")} />
          <Check label="IsEnabled" help="The kill switch: a disabled app gets no tokens." {...register("IsEnabled")} />
          <Field id="Notes" label="Notes" error={err("Notes")}>
            <textarea id="Notes" rows={3} className="input" {...register("Notes", { setValueAs: (v) => (v === "" ? null : v) })} />
          </Field>
        </section>

        <div className="flex gap-2">
          <Button type="submit" pending={pending}>{mode === "create" ? "Review and register" : "Review and save"}</Button>
          <Button variant="secondary" onClick={() => confirmLeave() && router.back()}>Cancel</Button>
        </div>
      </form>

      <aside aria-labelledby="live-findings-h" className="lg:sticky lg:top-4 lg:self-start">
        <h2 id="live-findings-h" className="mb-2 text-lg font-semibold">Live findings</h2>
        <div aria-live="polite" data-testid="live-findings">
          <FindingsList findings={findings} />
        </div>
      </aside>

      <SaveReviewDialog
        review={review}
        title={mode === "create" ? "Register this application?" : "Save these changes?"}
        confirmLabel={mode === "create" ? "Register" : "Save"}
        pending={pending}
        onCancel={() => setReview(null)}
        onConfirm={commit}
      />
      <SecretDialog
        secret={newSecret?.value ?? null}
        applicationUri={values.ApplicationUri ?? ""}
        onClose={() => {
          const next = newSecret?.next;
          setNewSecret(null);
          if (next) refresh(next);
        }}
      />
    </div>
  );
}
