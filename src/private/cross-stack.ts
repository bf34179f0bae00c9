import { CfnResource, Stack } from 'aws-cdk-lib';

/**
 * The top-level stacks, other than that of `resource`, that use one of its `attributes` (`Ref` for its
 * `Ref`). For `node.addValidation`: aws-cdk-lib has linked the stacks by then (it prepares an app before it
 * validates it), through a CloudFormation export, or through SSM parameters across regions. Nested
 * stacks of the same top-level stack get the value through parameters and outputs instead, and are
 * not counted. A replacement of the resource changes the exported value, which CloudFormation
 * refuses while another stack imports it.
 *
 * aws-cdk-lib keeps, for each reference, the value it resolves to in each other stack; the map is
 * internal (`CfnReference.replacementTokens`): without it, no stack is found. test:compat checks it on
 * the lowest and the latest aws-cdk-lib.
 */
export function importingStacks(resource: CfnResource, attributes: string[]): Stack[] {
  const producer = topLevel(Stack.of(resource));
  // aws-cdk-lib adds the outputs it exports to a child `Exports` of the top-level stack: without it, nothing is.
  if (producer.node.tryFindChild('Exports') === undefined) {
    return [];
  }
  const importers = new Set<Stack>();
  for (const attribute of attributes) {
    // The same object aws-cdk-lib hands out for the attribute (one per resource and attribute).
    const { replacementTokens } = resource.getAtt(attribute) as { replacementTokens?: unknown };
    if (!(replacementTokens instanceof Map)) {
      continue;
    }
    for (const consumer of replacementTokens.keys()) {
      if (consumer instanceof Stack && topLevel(consumer) !== producer) {
        importers.add(topLevel(consumer));
      }
    }
  }
  return [...importers];
}

function topLevel(stack: Stack): Stack {
  return stack.nestedStackParent ? topLevel(stack.nestedStackParent) : stack;
}
