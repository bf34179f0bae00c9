/**
 * The one cache of this package: a value per object (a construct, most often) and slot, worked out
 * again when any of the inputs it was worked out from is another (compared with `===`). Entries live
 * as long as their object.
 */
export function memo<T>(owner: object, slot: string, inputs: readonly unknown[], compute: () => T): T {
  let slots = values.get(owner);
  if (slots === undefined) {
    slots = new Map();
    values.set(owner, slots);
  }
  const known = slots.get(slot);
  if (known !== undefined && known.inputs.length === inputs.length && known.inputs.every((input, i) => input === inputs[i])) {
    return known.value as T;
  }
  const value = compute();
  slots.set(slot, { inputs, value });
  return value;
}

const values = new WeakMap<object, Map<string, { readonly inputs: readonly unknown[]; readonly value: unknown }>>();
