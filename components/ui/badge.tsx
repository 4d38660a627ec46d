import type { ReactNode } from "react";
import type { Severity } from "@/lib/policy/types";

const SEVERITY_STYLE: Record<Severity | "clean", string> = {
  error: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  warning: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  info: "bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  clean: "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
};

export function Badge({ tone = "neutral", children }: { tone?: Severity | "clean" | "neutral"; children: ReactNode }) {
  const style =
    tone === "neutral"
      ? "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600"
      : SEVERITY_STYLE[tone];
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>{children}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  return <Badge tone={severity ?? "clean"}>{severity ?? "clean"}</Badge>;
}
