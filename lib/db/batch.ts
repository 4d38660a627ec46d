// Group commit for hot writes: concurrent callers' items are gathered and written by one
// statement. Every statement is a transaction of its own, and on PGlite a commit costs far more
// than the row (1 ms for one code exchange's UPDATE, 0.15 ms per item for 32 at once,
// docs/benchmarks.md); on PostgreSQL it saves round trips and commits just the same.
// A batch starts as soon as the event loop has taken in what arrived with the first item
// (setImmediate), and while `maxInFlight` batches are under way the next one fills up: under
// no load an item waits one turn of the event loop, under load batches grow by themselves.
// A batch that fails fails each of its callers (the statement is atomic: nothing was written).

export interface BatcherOptions {
  /** Most items per statement. */
  maxBatch: number;
  /** Batches under way at once (PGlite runs one statement at a time anyway: 1). */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `run` answers the items in order (one output per item). */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.run(batch.map((w) => w.item)).then(
        (outputs) => {
          if (outputs.length !== batch.length) throw new Error(`batch of ${batch.length} answered ${outputs.length}`);
          batch.forEach((w, i) => w.resolve(outputs[i]!));
        },
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      ).catch((error: unknown) => batch.forEach((w) => w.reject(error))).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }
}
