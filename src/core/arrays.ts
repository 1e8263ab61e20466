/**
 * Arrays read in the hot loops (per column of a log, read once per cell).
 *
 * V8 gives `Array.prototype.map` a packed result while interpreting and a holey one once the
 * caller is optimised, so the same line yields arrays of two hidden classes from one call to the
 * next, and a loop that reads them is thrown back to the interpreter when they flip (seen in
 * readLog and the functions' cache with --trace-deopt: "wrong map" on every new log). Arrays built
 * here are always packed.
 */
export function packedMap<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}
