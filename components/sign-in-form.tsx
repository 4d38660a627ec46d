"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { retryAfterOf, signInErrorMessage } from "@/lib/auth/sign-in-errors";

/**
 * Posts the credentials to next-auth's callback itself (rather than through next-auth/react's
 * signIn), so that a throttled (429) or busy (503) answer can say when to retry.
 */
async function postCredentials(login: string, password: string): Promise<string | null> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password, csrfToken: csrf.csrfToken, json: "true" }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: string };
  const error = url ? new URL(url, window.location.origin).searchParams.get("error") : "Unknown";
  return res.ok && !error ? null : (error ?? "Unknown");
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [, tick] = useState(0);

  // Counts the wait down once a second, then re-enables the button.
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const t = setInterval(() => {
      tick((n) => n + 1);
      if (Date.now() >= waitUntil) clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
  }, [waitUntil]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const code = await postCredentials(String(form.get("login") ?? ""), String(form.get("password") ?? ""));
      if (code) {
        setError(code);
        const retry = retryAfterOf(code);
        setWaitUntil(retry ? Date.now() + retry * 1000 : 0);
        return;
      }
      // Checked again here, against the page's own origin (the server did so too).
      router.replace(safeRedirectPath(callbackUrl, window.location.origin));
      router.refresh();
    } catch {
      setError("Unknown");
    } finally {
      setPending(false);
    }
  }

  const remaining = Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000));
  const waiting = error !== null && retryAfterOf(error) !== null;
  const message = !error ? null : waiting && remaining === 0 ? "You can try again now." : signInErrorMessage(waiting ? `${error.split(":")[0]}:${remaining}` : error);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="login" className="block text-sm font-medium">Login</label>
        <input id="login" name="login" autoComplete="username" required className="input mt-1" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input mt-1" />
      </div>
      {message && (
        <p role="alert" data-testid="sign-in-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      )}
      <Button type="submit" pending={pending} disabled={remaining > 0} className="w-full">Sign in</Button>
    </form>
  );
}
