"use client";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";

export type ShownSecret = { title: string; note: string; values: { label: string; value: string }[] };

/** Shows a just-created secret with copy buttons, and says whether it can be seen again. */
export function SecretDialog({ secret, onClose }: { secret: ShownSecret | null; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title={secret?.title ?? ""} description={secret?.note}>
      <div className="space-y-3">
        {secret?.values.map(({ label, value }) => (
          <div key={label}>
            <p className="mb-1 text-xs font-medium text-slate-500">{label}</p>
            <CodeBlock code={value} data-testid="secret-value" />
          </div>
        ))}
      </div>
      <DialogFooter>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </Dialog>
  );
}
