/**
 * Reads remembered for one action: the use cases look at the same sheets, tables and settings
 * more than once (the layout finder, the report, the checks), and each look costs a parse of a
 * sheet's XML or a round trip to Excel. A key names what was read ("sheet:outreach log"); a
 * write forgets the keys it changes ("sheet" forgets every "sheet:..."). A failed read is not
 * kept, so the next look tries again. Used by the Excel adapter during one pane action and by
 * consolidation over one returned file.
 */
export class ReadMemo {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** The remembered read under `key`, or `read()` remembered there. */
  remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.reads.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      this.reads.set(key, p);
      p.catch(() => this.reads.delete(key));
    }
    return p;
  }

  /** Remember a value read some other way (several reads in one round trip). */
  know<T>(key: string, value: T): void {
    this.reads.set(key, Promise.resolve(value));
  }

  /** What is remembered under `key`, without reading. */
  peek<T>(key: string): Promise<T> | undefined {
    return this.reads.get(key) as Promise<T> | undefined;
  }

  /** Forget each key and every key under it (`key:...`). */
  forget(...keys: string[]): void {
    for (const key of [...this.reads.keys()]) {
      if (keys.some((k) => key === k || key.startsWith(`${k}:`))) this.reads.delete(key);
    }
  }
}
