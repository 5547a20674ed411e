/**
 * Bounds the requests in flight: at most `total` at once and `perKey` for one key (a host).
 * Waiters start in arrival order, except that one whose host is busy lets the next one by.
 */
export class Limiter {
  #active = 0;
  readonly #byKey = new Map<string, number>();
  readonly #queue: Array<{ key: string; start(): void }> = [];

  constructor(
    readonly total: number,
    readonly perKey: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.#free(key)) this.#take(key);
    else await new Promise<void>((start) => this.#queue.push({ key, start }));
    try {
      return await task();
    } finally {
      this.#release(key);
    }
  }

  #free(key: string): boolean {
    return this.#active < this.total && (this.#byKey.get(key) ?? 0) < this.perKey;
  }

  #take(key: string): void {
    this.#active++;
    this.#byKey.set(key, (this.#byKey.get(key) ?? 0) + 1);
  }

  #release(key: string): void {
    this.#active--;
    const left = this.#byKey.get(key)! - 1;
    if (left === 0) this.#byKey.delete(key);
    else this.#byKey.set(key, left);
    for (let i = 0; i < this.#queue.length && this.#active < this.total; i++) {
      const waiter = this.#queue[i]!;
      if (!this.#free(waiter.key)) continue;
      this.#queue.splice(i--, 1);
      this.#take(waiter.key); // taken on the waiter's behalf, so no later arrival can jump in
      waiter.start();
    }
  }
}
