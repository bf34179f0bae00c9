import { Arn, ArnComponents, ArnFormat, Fn, Token } from 'aws-cdk-lib';

/**
 * The App Runner API's rule for VPC connector names (stricter than the
 * CloudFormation schema's pattern, which admits a backslash).
 */
export const VPC_CONNECTOR_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{3,39}$/;

export interface ParsedVpcConnectorArn {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly revision: number;
}

/**
 * Splits `arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>`.
 * A token ARN gives token parts; a literal string that is not a VPC connector ARN throws.
 */
export function parseVpcConnectorArn(vpcConnectorArn: string): ParsedVpcConnectorArn {
  const invalid = () => new Error(`\`vpcConnectorArn\` must be a VPC connector ARN, got: '${vpcConnectorArn}'. Pass an ARN of the form arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>.`);
  if (typeof vpcConnectorArn !== 'string') {
    throw invalid();
  }
  let components: ArnComponents;
  try {
    components = Arn.split(vpcConnectorArn, ArnFormat.SLASH_RESOURCE_NAME);
  } catch {
    throw invalid();
  }
  if (Token.isUnresolved(vpcConnectorArn)) {
    // Arn.split gives the name as the second part of the resource; the revision is the third.
    const revision = Fn.select(2, Fn.split('/', Fn.select(5, Fn.split(':', vpcConnectorArn))));
    return {
      account: components.account!,
      region: components.region!,
      name: components.resourceName!,
      revision: Token.asNumber(revision),
    };
  }
  const [name, revision, id, ...rest] = (components.resourceName ?? '').split('/');
  if (components.service !== 'apprunner' || components.resource !== 'vpcconnector'
    || !components.region || !/^\d{12}$/.test(components.account ?? '')
    || !VPC_CONNECTOR_NAME.test(name) || !/^[1-9]\d*$/.test(revision ?? '') || !id || rest.length > 0) {
    throw invalid();
  }
  return { account: components.account!, region: components.region, name, revision: Number(revision) };
}
