import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * Work remembered between the many resolutions of one synth (aws-cdk-lib resolves a
 * resource's properties about 40 times per synth), and forgotten when it may be stale.
 */

const callbacksOf = new WeakMap<Stage, Set<() => void>>();

/**
 * Runs `callback` at the start of every synth of a stage that contains
 * `scope` (the app, or a stage synthesized on its own), before the
 * constructs' own validations and before any template is resolved: the tree
 * is validated top-down. Registering the same callback again is free.
 */
export function atEachSynth(scope: IConstruct, callback: () => void) {
  for (let stage = Stage.of(scope); stage !== undefined; stage = Stage.of(stage)) {
    let callbacks = callbacksOf.get(stage);
    if (callbacks === undefined) {
      const created = new Set<() => void>();
      stage.node.addValidation({ validate: () => { created.forEach(run => run()); return []; } });
      callbacksOf.set(stage, created);
      callbacks = created;
    }
    if (callbacks.has(callback)) {
      return; // the enclosing stages have it too
    }
    callbacks.add(callback);
  }
}

/**
 * `compute`, called at most once per synth of the stages that contain
 * `scope`: the value is forgotten when the next synth starts.
 */
export function oncePerSynth<T>(scope: IConstruct, compute: () => T): () => T {
  let current: { readonly value: T } | undefined;
  atEachSynth(scope, () => { current = undefined; });
  return () => (current ??= { value: compute() }).value;
}
