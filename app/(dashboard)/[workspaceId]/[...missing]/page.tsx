import { notFound } from "next/navigation";

// Any address under a workspace that no page serves: the workspace's 404, inside the app frame.
export default function MissingPage() {
  notFound();
}
