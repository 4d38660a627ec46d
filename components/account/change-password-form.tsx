"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { changePasswordAction } from "@/lib/actions/change-password";

type Field = "currentPassword" | "newPassword" | "confirmPassword";

const FIELDS: { name: Field; label: string; autoComplete: string }[] = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Repeat the new password", autoComplete: "new-password" },
];

export function ChangePasswordForm({ forced, minLength }: { forced: boolean; minLength: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [banner, setBanner] = useState<{ tone: "error" | "ok"; text: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = Object.fromEntries(FIELDS.map((f) => [f.name, String(data.get(f.name) ?? "")])) as Record<Field, string>;
    start(async () => {
      setBanner(null);
      const r = await changePasswordAction(input);
      if (!r.ok) {
        setErrors(Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
        setBanner({ tone: "error", text: r.message });
        return;
      }
      setErrors({});
      form.reset();
      if (forced) {
        router.replace("/apps");
        router.refresh();
        return;
      }
      const others = r.data.endedSessions;
      setBanner({ tone: "ok", text: `Password changed.${others ? ` ${others} other session${others === 1 ? " was" : "s were"} signed out.` : ""}` });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change password">
      {banner && (
        <p role={banner.tone === "error" ? "alert" : "status"} data-testid="password-banner" className={`rounded border px-3 py-2 text-sm ${banner.tone === "error" ? "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"}`}>
          {banner.text}
        </p>
      )}
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="block text-sm font-medium">{f.label}</label>
          {f.name === "newPassword" && <p id="newPassword-help" className="text-xs text-slate-600 dark:text-slate-400">At least {minLength} characters; a passphrase of several words is easiest to remember.</p>}
          <input
            id={f.name}
            name={f.name}
            type="password"
            autoComplete={f.autoComplete}
            className="input mt-1"
            aria-invalid={errors[f.name] ? true : undefined}
            aria-describedby={errors[f.name] ? `${f.name}-error` : f.name === "newPassword" ? "newPassword-help" : undefined}
          />
          {errors[f.name] && <p id={`${f.name}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">{errors[f.name]}</p>}
        </div>
      ))}
      <Button type="submit" pending={pending}>Change password</Button>
    </form>
  );
}
