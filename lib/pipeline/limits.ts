// Per-destination isolation: a concurrency limit (a semaphore) and an optional rate limit (a token bucket,
// requests per second, bursting up to one second's worth). Each runner has its own, so a destination that
// is slow or rate-limited holds up only itself.

export class Semaphore {
  private active = 0;
  private waiting: (() => void)[] = [];
  private max: number;
  constructor(limit: number) {
    this.max = Math.max(1, limit);
  }

  /** How many may run at once. */
  get limit(): number {
    return this.max;
  }

  setLimit(limit: number) {
    this.max = Math.max(1, limit);
    this.drain();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.drain();
    }
  }

  private drain() {
    while (this.active < this.max && this.waiting.length) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}

export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  constructor(private perSecond: number) {
    this.tokens = perSecond;
  }

  setRate(perSecond: number) {
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, perSecond);
  }

  /** Null when a request may go at once (unlimited), else a promise that resolves when it may. */
  take(): Promise<void> | null {
    return this.perSecond <= 0 ? null : this.wait();
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
    }
  }
}
