/**
 * Sorts by the given keys in turn, in code-unit order: the same in every process whatever the
 * database's collation. Every multi-row write meets its rows in this order, so concurrent
 * statements lock them in one order and cannot deadlock on each other.
 */
export function byKey<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
