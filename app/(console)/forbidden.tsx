import { StatusMessage } from "@/components/status-message";

// Inside the console layout, which already has the page's <main>.
export default function ConsoleForbidden() {
  return <StatusMessage kind="forbidden" />;
}
