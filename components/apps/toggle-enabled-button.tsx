"use client";

import { useState, useTransition } from "react";
import { setAppEnabledAction } from "@/lib/actions/set-app-enabled";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useRefreshAfterMutation } from "./use-refresh-after-mutation";

/** The kill switch, with confirmation. */
export function ToggleEnabledButton({ id, applicationUri, enabled, onDone }: { id: string; applicationUri: string; enabled: boolean; onDone?: () => void }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const toast = useToast();
  const refresh = useRefreshAfterMutation();
  const verb = enabled ? "Disable" : "Enable";
  return (
    <>
      <Button variant={enabled ? "secondary" : "primary"} onClick={() => setOpen(true)} aria-label={`${verb} ${applicationUri}`}>
        {verb}
      </Button>
      <ConfirmDialog
        open={open}
        title={`${verb} ${applicationUri}?`}
        confirmLabel={verb}
        tone={enabled ? "danger" : "primary"}
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await setAppEnabledAction({ id, enabled: !enabled });
            if (r.ok) {
              toast("success", `${applicationUri} ${enabled ? "disabled" : "enabled"}.`);
              setOpen(false);
              onDone?.();
              refresh();
            } else toast("error", r.message);
          })
        }
      >
        <p>
          {enabled
            ? "The app stops getting tokens at once: the token endpoint refuses it from the next request on."
            : "The app can request tokens again, within its configuration."}
        </p>
      </ConfirmDialog>
    </>
  );
}
