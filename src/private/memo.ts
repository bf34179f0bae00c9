/**
 * The one cache of this package: a value per object (a construct, most often) and slot, worked out
 * again when the input it was worked out from is another (compared with `===`; `undefined` for a
 * value that never changes). Entries live as long as their object.
 */
export function memo<T>(owner: object, slot: unknown, input: unknown, compute: () => T): T {
  let slots = values.get(owner);
  if (slots === undefined) {
    slots = new Map();
    values.set(owner, slots);
  }
  const known = slots.get(slot);
  if (known !== undefined && known.input === input) {
    return known.value as T;
  }
  const value = compute();
  slots.set(slot, { input, value });
  return value;
}

const values = new WeakMap<object, Map<unknown, { readonly input: unknown; readonly value: unknown }>>();
