"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";
import { useToast } from "@/components/ui/toast";
import { createUserAction } from "@/lib/actions/create-user";
import { ROLE_LABELS, type ConsoleRoleName } from "@/lib/auth/permissions";

/** Adds a user; the provisional password is shown once. */
export function AddUserForm() {
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ login: string; password: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const r = await createUserAction({
        Login: String(data.get("Login") ?? ""),
        DisplayName: String(data.get("DisplayName") ?? ""),
        Type: String(data.get("Type") ?? "Internal") as "Internal",
        ConsoleRole: String(data.get("ConsoleRole") ?? "None") as ConsoleRoleName,
      });
      if (!r.ok) {
        setErrors(Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? ""])));
        toast("error", r.message);
        return;
      }
      setErrors({});
      form.reset();
      setCreated({ login: r.data.login, password: r.data.provisionalPassword });
      router.refresh();
    });
  }

  const field = (name: string, label: string) => (
    <div>
      <label htmlFor={`new-${name}`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">{label}</label>
      <input id={`new-${name}`} name={name} className="input mt-1 py-1.5" aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `new-${name}-error` : undefined} />
      {errors[name] && <p id={`new-${name}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">{errors[name]}</p>}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a user" className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-5 dark:border-slate-800 dark:bg-slate-900">
      {field("Login", "Login")}
      {field("DisplayName", "Display name")}
      <div>
        <label htmlFor="new-Type" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Type</label>
        <select id="new-Type" name="Type" className="input mt-1 py-1.5" defaultValue="Internal">
          <option value="Internal">Internal</option>
          <option value="Community">Community</option>
        </select>
      </div>
      <div>
        <label htmlFor="new-ConsoleRole" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Console role</label>
        <select id="new-ConsoleRole" name="ConsoleRole" className="input mt-1 py-1.5" defaultValue="None">
          {(Object.keys(ROLE_LABELS) as ConsoleRoleName[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
      </div>
      <div className="flex items-end">
        <Button type="submit" pending={pending}>Add user</Button>
      </div>
      <OneTimeSecretDialog
        value={created?.password ?? null}
        title={`${created?.login ?? ""} added`}
        label={`Provisional password of ${created?.login ?? ""}`}
        notice={<>Hand this password to {created?.login} over a safe channel. It is shown only now; they must replace it at the first sign-in.</>}
        onClose={() => setCreated(null)}
      />
    </form>
  );
}
