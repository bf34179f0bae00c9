import { Fn, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { VPC_CONNECTOR_NAME } from './validation';

export interface ParsedVpcConnectorArn {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly revision: number;
}

/**
 * Splits `arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>`.
 *
 * A literal string that is not a VPC connector ARN throws. An ARN with tokens in it
 * (`Arn.format`, a template literal, `Fn.join`) is split where its literal text shows
 * the separators: each part is then the literal or the token that stands there, and
 * each literal part is checked. Parts whose separators only a token holds are selected
 * at deploy time (`Fn::Select` of `Fn::Split`).
 */
export function parseVpcConnectorArn(vpcConnectorArn: string): ParsedVpcConnectorArn {
  const invalid = () => new Error(`\`vpcConnectorArn\` must be a VPC connector ARN, got: '${vpcConnectorArn}'. Pass an ARN of the form arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>.`);
  if (typeof vpcConnectorArn !== 'string') {
    throw invalid();
  }
  const { split, hasTokens } = splitAroundTokens(vpcConnectorArn);

  // arn : partition : service : region : account : resource — a token can add separators, never remove them.
  const colonParts = split(vpcConnectorArn, ':');
  if (colonParts.length !== 6) {
    if (colonParts.length < 6 && hasTokens) {
      return selectedAtDeployTime(vpcConnectorArn);
    }
    throw invalid();
  }
  const [prefix, partition, service, region, account, resource] = colonParts;
  if (!matches(prefix, p => p === 'arn') || !matches(partition, p => p !== '') || !matches(service, s => s === 'apprunner')
    || !matches(region, r => r !== '') || !matches(account, a => /^\d{12}$/.test(a))) {
    throw invalid();
  }

  // vpcconnector / name / revision / id
  const resourceParts = split(resource, '/');
  if (resourceParts.length !== 4) {
    if (resourceParts.length < 4 && hasTokens) {
      const [type] = resourceParts;
      if (!matches(type, t => t === 'vpcconnector')) {
        throw invalid();
      }
      // `vpcconnector/${tail}`: select from the tail; or from the whole resource when its type is a token too.
      const known = Token.isUnresolved(type) ? 0 : 1;
      const parts = Fn.split('/', known ? resource.slice(type.length + 1) : resource);
      return { account, region, name: Fn.select(1 - known, parts), revision: Token.asNumber(Fn.select(2 - known, parts)) };
    }
    throw invalid();
  }
  const [type, name, revision, id] = resourceParts;
  if (!matches(type, t => t === 'vpcconnector') || !matches(name, n => VPC_CONNECTOR_NAME.test(n))
    || !matches(revision, r => /^[1-9]\d*$/.test(r)) || !matches(id, i => i !== '')) {
    throw invalid();
  }
  return { account, region, name, revision: Token.isUnresolved(revision) ? Token.asNumber(revision) : Number(revision) };
}

/**
 * For `node.addValidation`: a token ARN that resolves to a literal at synth, checked then.
 * An ARN that resolves to a deploy-time value (`Fn::ImportValue`, `Fn::GetAtt`) is not checked.
 */
export function validateResolvedVpcConnectorArn(scope: IConstruct, vpcConnectorArn: string): string[] {
  const resolved: unknown = Stack.of(scope).resolve(vpcConnectorArn);
  if (typeof resolved !== 'string') {
    return [];
  }
  try {
    parseVpcConnectorArn(resolved);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Whether `part` satisfies `rule`, when it is a literal: a part with a token in it is known at deploy time only. */
function matches(part: string, rule: (literal: string) => boolean): boolean {
  return Token.isUnresolved(part) || rule(part);
}

/**
 * A `split` that leaves the tokens in a string whole: the text of a token can
 * hold a separator (`${Token[Fn::Join.12]}`), its value can too, but only the
 * literal text around the tokens is split.
 */
function splitAroundTokens(text: string): { split: (part: string, separator: string) => string[]; hasTokens: boolean } {
  const tokens = Token.isUnresolved(text) ? Tokenization.reverseString(text).tokens.map(token => Token.asString(token)) : [];
  const placeholder = (index: number) => `\u0000${index}\u0000`;
  const hide = (part: string) => tokens.reduce((hidden, token, index) => hidden.split(token).join(placeholder(index)), part);
  const show = (part: string) => part.replace(/\u0000(\d+)\u0000/g, (_, index) => tokens[Number(index)]);
  return {
    split: (part, separator) => hide(part).split(separator).map(show),
    hasTokens: tokens.length > 0,
  };
}

/** The parts of an ARN whose separators are all in tokens: selected at deploy time. */
function selectedAtDeployTime(vpcConnectorArn: string): ParsedVpcConnectorArn {
  const components = Fn.split(':', vpcConnectorArn);
  const resource = Fn.split('/', Fn.select(5, components));
  return {
    account: Fn.select(4, components),
    region: Fn.select(3, components),
    name: Fn.select(1, resource),
    revision: Token.asNumber(Fn.select(2, resource)),
  };
}
