/**
 * `compute`, remembered for the last list it was called with: called again
 * only when the list holds other items (by identity) or in another order.
 *
 * A property produced from a list that can still change after it was first
 * resolved (the groups in `connections`) must be an uncached `Lazy`, which
 * aws-cdk-lib resolves many times in one synth (about 40 times for a
 * resource): it need not be worked out again while the list is the same.
 */
export function memoByItems<T, R>(compute: (items: T[]) => R): (items: T[]) => R {
  let lastItems: T[] | undefined;
  let lastResult: R;
  return items => {
    if (lastItems === undefined || items.length !== lastItems.length || items.some((item, i) => item !== lastItems![i])) {
      lastResult = compute(items);
      lastItems = [...items];
    }
    return lastResult;
  };
}
