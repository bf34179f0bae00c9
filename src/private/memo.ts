/**
 * `compute`, remembered for the last list it was called with: called again
 * only when the list holds other items (by identity) or in another order.
 *
 * aws-cdk-lib resolves a resource's properties many times in one synth (about
 * 40 times for a connector); a property produced from a list that rarely
 * changes (the groups in `connections`) need not be worked out each time.
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
