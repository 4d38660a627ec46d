import { StatusMessage } from "@/components/status-message";

export default function NotFound() {
  return (
    <main>
      <StatusMessage kind="notFound" />
    </main>
  );
}
