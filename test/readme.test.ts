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
import { VpcConnector } from '../src';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'rosetta', `${name}.ts-fixture`), 'utf8');

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
    connector: new VpcConnector(stack, 'DeclaredConnector', { vpc }),
    appSecurityGroup: new ec2.SecurityGroup(stack, 'DeclaredAppSecurityGroup', { vpc }),
    databaseSecurityGroup: new ec2.SecurityGroup(stack, 'DeclaredDatabaseSecurityGroup', { vpc }),
  };
}

/** The README's TypeScript blocks, with the rosetta fixture each names (```ts fixture=NAME). */
const snippets = [...README.matchAll(/```ts(?: fixture=(\w+))?\n([\s\S]*?)```/g)].map(m => ({ fixture: m[1] ?? 'default', code: m[2] }));

test('the README has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(5);
});

test.each(snippets.map((snippet, i) => [i + 1, snippet]))('README example %i synthesizes', (_, snippet) => {
  const { fixture: fixtureName, code } = snippet as { fixture: string; code: string };
  // As rosetta does: a snippet's imports go to the top of the fixture, the rest where it says `/// here`.
  const imports = code.split('\n').filter(line => line.startsWith('import ')).join('\n');
  const body = code.split('\n').filter(line => !line.startsWith('import ')).join('\n').replace(/^declare const (\w+): [^;]+;$/gm,
    (__, name) => `const ${name}: any = (globalThis as any).__declared.${name};`);
  const source = (imports + '\n' + fixture(fixtureName).replace('/// here', body))
    .replace(/from 'cdk-apprunner-vpc-connector'/g, `from ${JSON.stringify(path.join(ROOT, 'src'))}`)
    + (fixtureName === 'default' ? '\nexport { Fixture };\n' : '');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;

  const run = () => {
    const mod: { exports: any } = { exports: {} };
    new Function('require', 'module', 'exports', js)(require, mod, mod.exports);
    return mod.exports;
  };

  let app = new App();
  if (fixtureName === 'app') {
    // A complete program builds and synthesizes its own app: find it through its `synth()` call.
    const synth = App.prototype.synth;
    let synthesized = 0;
    const spy = jest.spyOn(App.prototype, 'synth').mockImplementation(function (this: App, options) {
      app = this;
      synthesized++;
      return synth.call(this, options);
    });
    try {
      run();
    } finally {
      spy.mockRestore();
    }
    expect(synthesized).toBe(1);
  } else {
    (globalThis as any).__declared = declaredValues(new Stack(app, 'Declared'));
    new (run().Fixture)(app, 'Readme');
  }

  expect(() => app.synth()).not.toThrow();
  // The snippet's own connectors (not the one a `declare const connector` stands for).
  const stacks = app.node.children.filter(Stack.isStack).filter(stack => stack.node.id !== 'Declared');
  const connectors = stacks.flatMap(stack => Object.keys(Template.fromStack(stack).findResources('AWS::AppRunner::VpcConnector')));
  expect(connectors.length).toBeGreaterThanOrEqual(/fromVpcConnector|^declare const connector:/m.test(code) ? 0 : 1);
});
