"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useDeleteSource, type Source } from "@/lib/queries/sources";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

/** Delete, confirmed by typing the source's name; the user says whether its events are kept. */
export function DeleteSourceDialog(props: { open: boolean; workspaceId: string; source: Source; onClose: () => void }) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Delete “${props.source.name}”?`}
      description="This cannot be undone. Its write key stops working at once."
    >
      {props.open && <DeleteForm {...props} />}
    </Dialog>
  );
}

function DeleteForm({ workspaceId, source, onClose }: Parameters<typeof DeleteSourceDialog>[0]) {
  const router = useRouter();
  const { toast } = useToast();
  const remove = useDeleteSource(workspaceId, source.id);
  const [typed, setTyped] = useState("");
  const [deleteEvents, setDeleteEvents] = useState(false);
  const isConfirmed = typed.trim() === source.name;

  async function confirm() {
    try {
      const result = await remove.mutateAsync({ deleteEvents });
      toast({
        title: "Source deleted",
        description: deleteEvents
          ? `${result.deletedEvents} stored events deleted too.`
          : "Its stored events were kept.",
        variant: "success",
      });
      router.push(`/${workspaceId}/sources`);
    } catch (err) {
      toast({ title: "Could not delete the source", description: (err as Error).message, variant: "error" });
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (isConfirmed) void confirm();
      }}
      className="space-y-4"
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Its stored events</legend>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="radio"
            name="events"
            checked={!deleteEvents}
            onChange={() => setDeleteEvents(false)}
            className="mt-0.5"
          />
          <span>Keep them: they stay in the event history and the debugger.</span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="radio"
            name="events"
            checked={deleteEvents}
            onChange={() => setDeleteEvents(true)}
            className="mt-0.5"
          />
          <span>Delete them too, with the source.</span>
        </label>
      </fieldset>
      <Field
        htmlFor="confirm-source-name"
        label={
          <>
            Type <strong>{source.name}</strong> to confirm
          </>
        }
      >
        <Input autoFocus autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={!isConfirmed} loading={remove.isPending}>
          {deleteEvents ? "Delete source and events" : "Delete source, keep events"}
        </Button>
      </DialogFooter>
    </form>
  );
}
