/**
 * The `require()` cost of the package over aws-cdk-lib alone. Every
 * measurement is a fresh Node process (nothing cached in the module registry);
 * the kinds are interleaved and each is repeated, the median is reported.
 *
 *   npx ts-node --project tsconfig.dev.json bench/require-cost.ts [--runs N]
 *
 * Our package is loaded from the compiled `lib/`, or from BENCH_LIB.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..');
const libDir = path.resolve(process.env.BENCH_LIB ?? path.join(root, 'lib'));

interface Kind {
  readonly key: string;
  readonly label: string;
  /** Modules required before the clock starts. */
  readonly before: string[];
  /** Whether the aws-cdk-lib classes an app with a VPC connector uses are loaded before the clock starts. */
  readonly touchApp?: boolean;
  /** Modules required while the clock runs. */
  readonly timed: string[];
}

const CDK_MODULES = ['aws-cdk-lib', 'aws-cdk-lib/aws-ec2', 'aws-cdk-lib/aws-apprunner', 'constructs'];

const KINDS: Kind[] = [
  { key: 'cdk', label: "require('aws-cdk-lib')", before: [], timed: ['aws-cdk-lib'] },
  { key: 'cdk-modules', label: 'aws-cdk-lib + aws-ec2 + aws-apprunner + constructs (what the package imports)', before: [], timed: CDK_MODULES },
  { key: 'ours', label: 'our package, cold (pulls in the modules above)', before: [], timed: [libDir] },
  { key: 'ours-after-cdk', label: 'our package, after the aws-cdk-lib modules above are required', before: CDK_MODULES, timed: [libDir] },
  {
    key: 'ours-after-app',
    label: 'our package, after an app has used App, Stack, Vpc, SecurityGroup, CfnVpcConnector',
    before: CDK_MODULES,
    touchApp: true,
    timed: [libDir],
  },
  { key: 'alpha', label: '@aws-cdk/aws-apprunner-alpha, cold (for comparison)', before: [], timed: ['@aws-cdk/aws-apprunner-alpha'] },
  {
    key: 'alpha-after-app',
    label: '@aws-cdk/aws-apprunner-alpha, after the same app classes',
    before: CDK_MODULES,
    touchApp: true,
    timed: ['@aws-cdk/aws-apprunner-alpha'],
  },
];

/**
 * aws-cdk-lib loads each class's file on first access: touch the classes that
 * any app defining a VPC connector in a VPC loads anyway.
 */
const TOUCH_APP = `
  const cdk = require('aws-cdk-lib'), ec2 = require('aws-cdk-lib/aws-ec2'), apprunner = require('aws-cdk-lib/aws-apprunner');
  void [cdk.App, cdk.Stack, cdk.Resource, cdk.Lazy, cdk.Token, cdk.Fn, cdk.Arn, ec2.Vpc, ec2.SecurityGroup, ec2.Connections, apprunner.CfnVpcConnector];
`;

/** Runs `kind` in a new Node process; returns the milliseconds the timed requires took. */
function measure(kind: Kind): number {
  const script = `
    const { performance } = require('perf_hooks');
    for (const m of ${JSON.stringify(kind.before)}) require(m);
    ${kind.touchApp ? TOUCH_APP : ''}
    const t0 = performance.now();
    for (const m of ${JSON.stringify(kind.timed)}) require(m);
    process.stdout.write(String(performance.now() - t0));
  `;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main() {
  const argv = process.argv.slice(2);
  const runsAt = argv.indexOf('--runs');
  const runs = Number(runsAt >= 0 ? argv[runsAt + 1] : process.env.BENCH_REQUIRE_RUNS ?? 15);
  const samples = new Map<string, number[]>(KINDS.map(k => [k.key, []]));
  // One untimed round warms the file system cache.
  for (let round = -1; round < runs; round++) {
    for (const kind of round % 2 === 0 ? KINDS : [...KINDS].reverse()) {
      const ms = measure(kind);
      if (round >= 0) {
        samples.get(kind.key)!.push(ms);
      }
    }
  }
  const med = new Map(KINDS.map(k => [k.key, median(samples.get(k.key)!)]));
  console.log(`# require cost: ${runs} fresh processes per row, interleaved; ours from ${libDir}`);
  console.log('');
  console.log('| what is required | median ms | min ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const kind of KINDS) {
    const s = samples.get(kind.key)!;
    console.log(`| ${kind.label} | ${med.get(kind.key)!.toFixed(1)} | ${Math.min(...s).toFixed(1)} | ${Math.max(...s).toFixed(1)} |`);
  }
  console.log('');
  const added = med.get('ours-after-app')!;
  const cold = med.get('ours')! - med.get('cdk')!;
  console.log(`- ${added <= 10 ? 'PASS' : 'MISS'} the package adds ${added.toFixed(1)} ms to require beyond the aws-cdk-lib classes an app uses (target <= 10 ms)`);
  console.log(`- cold, over \`require('aws-cdk-lib')\` alone: +${cold.toFixed(1)} ms, most of it aws-cdk-lib's own lazily loaded files `
    + `(aws-ec2, aws-apprunner, core's Resource); after the modules are required but before any class is used: ${med.get('ours-after-cdk')!.toFixed(1)} ms`);
}

main();
