/**
 * Coalesces concurrent single-row writes into one statement (application-level group commit).
 *
 * A write is sent at once while fewer than `maxInFlight` statements are out; the writes that
 * arrive while they are all out wait and leave together, as one statement of up to `maxBatch`
 * rows, when one comes back. Under light load nothing waits and every write is its own
 * statement (`writeOne`); under heavy load each statement carries many rows and one commit,
 * which is what halves the database's CPU per write (bench/api-write.ts).
 *
 * A batch is one statement, so it commits whole or not at all. When it fails, nothing of it is
 * stored, and each of its writes is run again on its own: one bad row answers its own error
 * and does not fail the rows that arrived with it.
 *
 * The queue is in-process and holds only writes whose requests are still waiting for an
 * answer; several processes against one database each batch their own.
 */
export type WriteBatcherOptions<I, O> = {
  /**
   * Writes several items in one statement; returns one result per item, in order. An Error in
   * place of a result is that item's answer (say, a row its writer may not write, left out).
   */
  writeMany: (items: I[]) => Promise<(O | Error)[]>;
  /** Writes one item; its error is that item's answer. */
  writeOne: (item: I) => Promise<O>;
  maxInFlight?: number;
  maxBatch?: number;
};

type Pending<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export class WriteBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(private readonly options: WriteBatcherOptions<I, O>) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 100;
    if (this.maxInFlight < 1 || this.maxBatch < 1)
      throw new RangeError('maxInFlight and maxBatch must be ≥ 1');
  }

  /** Writes one item, alone or with others; settles when its statement has committed or failed. */
  write(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Pending<I, O>[]): Promise<void> {
    if (batch.length > 1) {
      let results: (O | Error)[] | undefined;
      try {
        results = await this.options.writeMany(batch.map((p) => p.item));
      } catch {
        // Nothing of the batch was stored: each write is tried alone below, for its own answer.
      }
      if (results) {
        if (results.length !== batch.length) {
          const error = new Error(`writeMany returned ${results.length} results for ${batch.length} items`);
          for (const p of batch) p.reject(error);
        } else
          batch.forEach((p, i) => {
            const result = results[i] as O | Error;
            if (result instanceof Error) p.reject(result);
            else p.resolve(result);
          });
        return;
      }
    }
    await Promise.all(batch.map((p) => this.options.writeOne(p.item).then(p.resolve, p.reject)));
  }
}
