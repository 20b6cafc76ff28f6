import { Badge } from "@/components/ui/badge";

/** Enabled or disabled: the one word used for a destination everywhere (badge, toggle, toasts). */
export function DestinationStateBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <Badge variant="success" data-testid="destination-state">
      Enabled
    </Badge>
  ) : (
    <Badge variant="warning" data-testid="destination-state">
      Disabled
    </Badge>
  );
}
