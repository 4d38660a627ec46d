import { StatusMessage } from "@/components/status-message";

// Inside the console layout, which already has the page's <main>.
export default function ConsoleNotFound() {
  return <StatusMessage kind="notFound" />;
}
