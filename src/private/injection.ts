import { PropertyInjectors } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * Applies the property injector registered for `uniqueId` nearest to `scope` (on `scope` or
 * one of its ancestors, through `PropertyInjectors.of(...).add()` or the `propertyInjectors`
 * of an App, Stage or Stack) to `props`, as aws-cdk-lib's `@propertyInjectable` does for its
 * own constructs (aws-cdk-lib >= 2.196.0). Uses only aws-cdk-lib's public API:
 * `PropertyInjectors.hasPropertyInjectors`, `PropertyInjectors.of` and `for`.
 */
export function injectProps(uniqueId: string, scope: Construct, id: string, props: unknown): unknown {
  for (let node: IConstruct | undefined = scope; node !== undefined; node = node.node.scope) {
    // `of` would create an empty collection on a construct without one: look first.
    const injector = PropertyInjectors.hasPropertyInjectors(node) ? PropertyInjectors.of(node).for(uniqueId) : undefined;
    if (injector !== undefined) {
      return injector.inject(props, { scope, id });
    }
  }
  return props;
}
