/**
 * Runs every TypeScript block of the README inside the rosetta fixture, the way a
 * user would paste it into a stack, and synthesizes it: the examples must work,
 * not only compile (jsii-rosetta --strict checks that they compile).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FIXTURE = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf8');

/** Values for the `declare const x: T;` lines of the snippets. */
function declaredValues(stack: Stack): Record<string, unknown> {
  const vpc = new ec2.Vpc(stack, 'DeclaredVpc', {
    maxAzs: 2,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  return {
    vpc,
    appSecurityGroup: new ec2.SecurityGroup(stack, 'DeclaredAppSecurityGroup', { vpc }),
    databaseSecurityGroup: new ec2.SecurityGroup(stack, 'DeclaredDatabaseSecurityGroup', { vpc }),
  };
}

const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);

test('the README has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(5);
});

test.each(snippets.map((code, i) => [i + 1, code]))('README example %i synthesizes', (_, code) => {
  const body = (code as string).replace(/^declare const (\w+): [^;]+;$/gm,
    (__, name) => `const ${name}: any = (globalThis as any).__declared.${name};`);
  const source = FIXTURE.replace('/// here', body)
    .replace("from 'cdk-apprunner-vpc-connector'", `from ${JSON.stringify(path.join(ROOT, 'src'))}`)
    + '\nexport { Fixture };\n';
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;

  const app = new App();
  const declaredStack = new Stack(app, 'Declared');
  (globalThis as any).__declared = declaredValues(declaredStack);
  const mod: { exports: any } = { exports: {} };
  new Function('require', 'module', 'exports', js)(require, mod, mod.exports);
  const stack: Stack = new mod.exports.Fixture(app, 'Readme');

  expect(() => app.synth()).not.toThrow();
  const connectors = Template.fromStack(stack).findResources('AWS::AppRunner::VpcConnector');
  const imported = /fromVpcConnector/.test(code as string);
  expect(Object.keys(connectors).length).toBeGreaterThanOrEqual(imported ? 0 : 1);
});
