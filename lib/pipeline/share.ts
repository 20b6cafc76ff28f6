// How many destinations a worker may hold (its share) and when it gives extra ones back, kept steady when a
// heartbeat flaps.
//
// share = ceil(enabled destinations ÷ live workers). The count of live workers is what can flap: a worker
// starved of CPU misses its heartbeat renewals, its heartbeat lease lapses, the others count one worker fewer
// (a bigger share: they take over its expired destinations) and, once it runs again, one more (a smaller share:
// they hand them back) — the destinations ping-pong between workers, idle at every hand-over. Two dampers:
// - liveWorkerCount also counts a heartbeat that expired less than one lease round ago (the worker passes its
//   round as the grace): a worker up to a round later than its lease allows is still counted, so its share is
//   not spread over the others and, once it runs again, it renews the destination leases nobody took. A worker
//   that stops gracefully deletes its heartbeat, so the grace only delays the takeover from a crashed one.
// - SurplusGate: a worker gives up destinations only after every lease round over at least `confirmMs` found
//   it above its share (the worker runs a second round `confirmMs` after the first that did), so one odd
//   reading — a worker that appears and dies at once, a destination disabled and enabled again — moves
//   nothing. Taking free destinations needs no such damper: a claim never takes a lease someone renews.

/** Decides, round by round, how many of its destinations a worker gives back. */
export class SurplusGate {
  /** When (ms, the caller's clock) the current run of rounds above the share began; null: not above it. */
  private aboveSince: number | null = null;

  constructor(private readonly confirmMs: number) {}

  /** One lease round's view: `held` destinations against `share`, at `now`. Returns how many to give back now
   *  (0 until the surplus is confirmed) and, while it waits for that, in how many ms to look again. */
  observe(held: number, share: number, now: number): { release: number; recheckInMs: number | null } {
    if (held <= share) {
      this.aboveSince = null;
      return { release: 0, recheckInMs: null };
    }
    this.aboveSince ??= now;
    const waited = now - this.aboveSince;
    if (waited < this.confirmMs) return { release: 0, recheckInMs: this.confirmMs - waited };
    this.aboveSince = null;
    return { release: held - share, recheckInMs: null };
  }
}
