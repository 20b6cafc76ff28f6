/** A form-level error (not tied to one field), found by tests as data-testid="form-error". */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
