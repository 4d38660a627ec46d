"use client";

import { Button } from "@/components/ui/button";

/** Edits a list of redirect URIs as a list (stored in the seed's comma-separated form). */
export function UrlListEditor({
  id,
  label,
  help,
  value,
  onChange,
  errors,
  placeholders = [],
}: {
  id: string;
  label: string;
  help: string;
  value: string[];
  onChange: (v: string[]) => void;
  errors?: (string | undefined)[];
  /** Examples for the entries, by position (a template's): shown greyed, to be replaced. */
  placeholders?: readonly string[];
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{label}</legend>
      <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
        {help}
        {placeholders.length > 0 && " The greyed example shows the form; replace it with your app's own URI."}
      </p>
      <ul className="mt-1 space-y-1">
        {value.map((url, i) => (
          <li key={i}>
            <div className="flex gap-2">
              <label htmlFor={`${id}-${i}`} className="sr-only">{`${label} ${i + 1}`}</label>
              <input
                id={`${id}-${i}`}
                className="input font-mono text-xs"
                value={url}
                placeholder={placeholders[i] ?? "https://app.vendor.com/signin-oidc"}
                aria-invalid={errors?.[i] ? true : undefined}
                aria-describedby={errors?.[i] ? `${id}-${i}-error` : `${id}-help`}
                onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))}
              />
              <Button variant="ghost" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>✕</Button>
            </div>
            {errors?.[i] && <p id={`${id}-${i}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">{errors[i]}</p>}
          </li>
        ))}
      </ul>
      <Button variant="secondary" className="mt-1" onClick={() => onChange([...value, ""])}>Add URI</Button>
    </fieldset>
  );
}
