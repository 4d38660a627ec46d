import { StatusMessage } from "@/components/status-message";

export default function Forbidden() {
  return (
    <main>
      <StatusMessage kind="forbidden" />
    </main>
  );
}
