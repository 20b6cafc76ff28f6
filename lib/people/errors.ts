// What the people store refuses, in Customer.io's terms: the Track API turns `invalid` and `conflict` into 400
// (v2: an `errors[]` item with this reason and field), `not_found` into 404.
export type PeopleErrorCode = "invalid" | "conflict" | "not_found";

export class PeopleError extends Error {
  constructor(
    public readonly code: PeopleErrorCode,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "PeopleError";
  }
}
