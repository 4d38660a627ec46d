"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";
import { useToast } from "@/components/ui/toast";
import { resetUserPasswordAction } from "@/lib/actions/reset-user-password";
import { setUserActiveAction } from "@/lib/actions/set-user-active";
import { setUserRoleAction } from "@/lib/actions/set-user-role";
import { signOutUserEverywhereAction } from "@/lib/actions/sign-out-user";
import { ROLE_LABELS, type ConsoleRoleName } from "@/lib/auth/permissions";

export interface UserRowData {
  Id: string;
  Login: string;
  ConsoleRole: ConsoleRoleName;
  IsActive: boolean;
  HasPassword: boolean;
  LiveSessions: number;
}

type Pending =
  | { kind: "role"; role: ConsoleRoleName }
  | { kind: "active" }
  | { kind: "signout" }
  | { kind: "reset" };

/** The administrator's controls for one user: role, activation, sign out everywhere, password reset. */
export function UserRowActions({ user }: { user: UserRowData }) {
  const router = useRouter();
  const toast = useToast();
  const [dialog, setDialog] = useState<Pending | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [busy, start] = useTransition();

  const run = (confirmed: Pending) =>
    start(async () => {
      const r =
        confirmed.kind === "role"
          ? await setUserRoleAction({ id: user.Id, role: confirmed.role })
          : confirmed.kind === "active"
            ? await setUserActiveAction({ id: user.Id, active: !user.IsActive })
            : confirmed.kind === "signout"
              ? await signOutUserEverywhereAction({ id: user.Id })
              : await resetUserPasswordAction({ id: user.Id });
      setDialog(null);
      if (!r.ok) {
        toast("error", r.message);
        router.refresh();
        return;
      }
      const data = r.data as { endedSessions?: number; provisionalPassword?: string };
      if (data.provisionalPassword) setPassword(data.provisionalPassword);
      const ended = data.endedSessions ? ` ${data.endedSessions} session${data.endedSessions === 1 ? "" : "s"} ended.` : "";
      toast("success", `${user.Login} updated.${ended}`);
      router.refresh();
    });

  const titles: Record<Pending["kind"], string> = {
    role: `Change the console role of ${user.Login}?`,
    active: `${user.IsActive ? "Deactivate" : "Activate"} ${user.Login}?`,
    signout: `Sign ${user.Login} out everywhere?`,
    reset: `Reset the password of ${user.Login}?`,
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`role-${user.Id}`} className="sr-only">Console role of {user.Login}</label>
      <select
        id={`role-${user.Id}`}
        className="input w-auto py-1"
        value={user.ConsoleRole}
        onChange={(e) => setDialog({ kind: "role", role: e.target.value as ConsoleRoleName })}
      >
        {(Object.keys(ROLE_LABELS) as ConsoleRoleName[]).map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
      <Button variant={user.IsActive ? "secondary" : "primary"} onClick={() => setDialog({ kind: "active" })} aria-label={`${user.IsActive ? "Deactivate" : "Activate"} ${user.Login}`}>
        {user.IsActive ? "Deactivate" : "Activate"}
      </Button>
      <Button variant="secondary" onClick={() => setDialog({ kind: "signout" })} disabled={user.LiveSessions === 0} aria-label={`Sign ${user.Login} out everywhere`}>
        Sign out everywhere
      </Button>
      <Button variant="secondary" onClick={() => setDialog({ kind: "reset" })} aria-label={`Reset the password of ${user.Login}`}>
        Reset password
      </Button>

      <ConfirmDialog
        open={dialog !== null}
        title={dialog ? titles[dialog.kind] : ""}
        confirmLabel={dialog?.kind === "role" ? `Make ${ROLE_LABELS[dialog.role].toLowerCase()}` : dialog?.kind === "active" ? (user.IsActive ? "Deactivate" : "Activate") : dialog?.kind === "signout" ? "Sign out everywhere" : "Generate a new password"}
        tone={dialog?.kind === "reset" || (dialog?.kind === "active" && user.IsActive) ? "danger" : "primary"}
        pending={busy}
        onCancel={() => setDialog(null)}
        onConfirm={() => dialog && run(dialog)}
      >
        {dialog?.kind === "role" && <p>{user.Login} becomes {ROLE_LABELS[dialog.role].toLowerCase()}. Their console sessions end now; they sign in again with the new role.</p>}
        {dialog?.kind === "active" && <p>{user.IsActive ? `${user.Login} can no longer sign in, and every session of theirs ends now.` : `${user.Login} can sign in again.`}</p>}
        {dialog?.kind === "signout" && <p>Every console session of {user.Login} ({user.LiveSessions}) ends now. Their password stays.</p>}
        {dialog?.kind === "reset" && <p>A new provisional password is generated and shown once. The old one stops working, every session of {user.Login} ends, and they choose their own password at the next sign-in.</p>}
      </ConfirmDialog>
      <OneTimeSecretDialog
        value={password}
        title={`New password of ${user.Login}`}
        label={`Provisional password of ${user.Login}`}
        notice={<>Hand this password to {user.Login} over a safe channel. It is shown only now; only its argon2 hash is stored, and {user.Login} must replace it at the next sign-in.</>}
        onClose={() => setPassword(null)}
      />
    </div>
  );
}
