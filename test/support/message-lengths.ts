/**
 * Every error and warning of this library is read in one breath: at most 300 characters as a user reads it, the
 * construct path and quoted values included, at the sizes of the test fixtures. Loaded before each test file
 * (jest's `setupFilesAfterEnv`), it records every message the file's tests produce, and fails the file if one is
 * longer, naming it:
 *
 * - an error of a constructor or an importer as thrown (`[<construct path>] <message>`);
 * - an error of a validation as aws-cdk-lib prints it at synth (`[<construct path>] <message>`);
 * - a warning as the CLI prints it: the message, and the construct path on the next line.
 */
import { Annotations } from 'aws-cdk-lib';
import { Node } from 'constructs';
import * as vpcConnector from '../../src/vpc-connector';

export const LIMIT = 300;
const PREFIX = 'cdk-apprunner-vpc-connector:';
const tooLong = new Map<string, string>();

function record(message: string) {
  if (message.length > LIMIT && !tooLong.has(message)) {
    tooLong.set(message, expect.getState().currentTestName ?? '(outside a test)');
  }
}

// Constructors and importers.
const Original = vpcConnector.VpcConnector;
const thrown = <T>(call: () => T): T => {
  try {
    return call();
  } catch (error) {
    record(String((error as Error).message));
    throw error;
  }
};
class Recorded extends Original {
  public static fromVpcConnectorArn(...args: Parameters<typeof Original.fromVpcConnectorArn>) {
    return thrown(() => Original.fromVpcConnectorArn(...args));
  }

  public static fromVpcConnectorAttributes(...args: Parameters<typeof Original.fromVpcConnectorAttributes>) {
    return thrown(() => Original.fromVpcConnectorAttributes(...args));
  }

  constructor(...args: ConstructorParameters<typeof Original>) {
    try {
      super(...args);
    } catch (error) {
      record(String((error as Error).message));
      throw error;
    }
  }
}
(vpcConnector as { VpcConnector: typeof Original }).VpcConnector = Recorded;

// Validations, at synth: aws-cdk-lib prints each as `[<path>] <message>`.
const validate = Node.prototype.validate;
Node.prototype.validate = function (this: Node) {
  const errors = validate.call(this);
  const host = this.scope?.node.tryFindChild(this.id);
  if (host instanceof vpcConnector.VpcConnectorBase) {
    errors.forEach(error => record(`[${this.path}] ${error}`));
  }
  return errors;
};

// Warnings, as the CLI prints them.
const addWarningV2 = Annotations.prototype.addWarningV2;
Annotations.prototype.addWarningV2 = function (this: Annotations, id: string, message: string) {
  if (id.startsWith(PREFIX)) {
    const path = (this as unknown as { scope: { node: Node } }).scope.node.path;
    record(`${message} ${path}`);
  }
  return addWarningV2.call(this, id, message);
};

afterAll(() => {
  const lines = [...tooLong].map(([message, test]) => `${message.length} characters, in '${test}': ${message}`);
  expect(lines).toEqual([]);
});
