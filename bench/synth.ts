/**
 * Synth benchmark: the same stack built with the raw L1, the alpha L2 and our
 * L2, interleaved in one Node process. Run it with `npm run bench`.
 *
 * Options (all optional):
 *   --runs N          timed rounds per scenario (default 7, env BENCH_RUNS)
 *   --warmup N        untimed rounds per scenario first (default 2)
 *   --scenario a,b    only these scenarios (10, 50, 100, 200, 400, 20x10, app50, app200)
 *   --only a,b        only these variants (none, raw, alpha, ours-vpc, ours-named, ours-explicit)
 *   --no-heap         skip the heap measurement
 *   --json FILE       also write the raw measurements as JSON
 *   --check           exit 1 when a target is missed
 *
 * The app scenarios (`app50`, `app200`) are a large app with one connector: 10 stacks of 50 or 200 queues, half of
 * each stack's queues with a dead-letter queue in the stack before (a cross-stack reference, so an export), and a VPC
 * and the variant's one connector in the first stack; `none` is the same app, VPC included, without a connector.
 *
 * Our package is loaded from the compiled `lib/` (what users run), or from the
 * directory in the BENCH_LIB environment variable. To measure a change before
 * and after in one process, set BENCH_COMPARE to the `lib/` directory of a
 * scratch copy with the change: it adds the variants `proto-vpc` and
 * `proto-explicit`, built from that copy. Several copies, comma-separated, add
 * `proto2-vpc`, `proto2-explicit` and so on.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as alpha from '@aws-cdk/aws-apprunner-alpha';
import * as cdk from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as ours from '../src';

const libDir = path.resolve(process.env.BENCH_LIB ?? path.join(__dirname, '..', 'lib'));
const compareDirs = (process.env.BENCH_COMPARE ?? '').split(',').filter(d => d !== '').map(d => path.resolve(d));

/** Adds `count` connectors to `stack`, in `vpc`. */
type Build = (stack: cdk.Stack, vpc: ec2.IVpc, count: number) => void;

interface Variant {
  readonly key: string;
  readonly label: string;
  readonly build: Build;
}

const VARIANTS: Variant[] = [
  {
    key: 'none',
    label: 'no connector',
    build: () => {},
  },
  {
    key: 'raw',
    label: 'raw L1 (CfnVpcConnector + SecurityGroup)',
    build: (stack, vpc, count) => {
      for (let i = 0; i < count; i++) {
        const group = new ec2.SecurityGroup(stack, `SecurityGroup${i}`, { vpc });
        new CfnVpcConnector(stack, `Connector${i}`, {
          subnets: vpc.privateSubnets.map(subnet => subnet.subnetId),
          securityGroups: [group.securityGroupId],
        });
      }
    },
  },
  {
    key: 'alpha',
    label: 'alpha L2 (vpc)',
    build: (stack, vpc, count) => {
      for (let i = 0; i < count; i++) {
        new alpha.VpcConnector(stack, `Connector${i}`, { vpc });
      }
    },
  },
  ...oursVariants(libDir, 'ours', 'ours'),
  ...compareDirs.flatMap((dir, i) => oursVariants(dir, `proto${i === 0 ? '' : i + 1}`, `prototype${i === 0 ? '' : ` ${i + 1}`}`)),
];

/** Our two ways, with the package loaded from `dir`. */
function oursVariants(dir: string, key: string, label: string): Variant[] {
  const { VpcConnector } = createRequire(__filename)(dir) as typeof ours;
  return [
    {
      key: `${key}-vpc`,
      label: `${label} (vpc)`,
      build: (stack, vpc, count) => {
        for (let i = 0; i < count; i++) {
          new VpcConnector(stack, `Connector${i}`, { vpc });
        }
      },
    },
    {
      key: `${key}-named`,
      label: `${label} (vpc + vpcConnectorName)`,
      build: (stack, vpc, count) => {
        for (let i = 0; i < count; i++) {
          new VpcConnector(stack, `Connector${i}`, { vpc, vpcConnectorName: `connector-${i}` });
        }
      },
    },
    {
      key: `${key}-explicit`,
      label: `${label} (subnets + securityGroups)`,
      build: (stack, vpc, count) => {
        for (let i = 0; i < count; i++) {
          const group = new ec2.SecurityGroup(stack, `SecurityGroup${i}`, { vpc });
          new VpcConnector(stack, `Connector${i}`, { subnets: vpc.privateSubnets, securityGroups: [group] });
        }
      },
    },
  ];
}

interface Scenario {
  readonly key: string;
  readonly label: string;
  /** Builds the app with the variant; returns it unsynthesized. */
  readonly app: (variant: Variant, outdir: string) => cdk.App;
}

function newApp(outdir: string): cdk.App {
  // 200 connectors and their security groups pass the default limit of 500 resources.
  return new cdk.App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 2000 } });
}

function newVpc(stack: cdk.Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

function oneStack(count: number): Scenario {
  return {
    key: String(count),
    label: `${count} connectors, 1 stack`,
    app: (variant, outdir) => {
      const app = newApp(outdir);
      const stack = new cdk.Stack(app, 'Bench');
      variant.build(stack, newVpc(stack), count);
      return app;
    },
  };
}

/** A network stack with the VPC, and `stacks` stacks of `count` connectors that use it across stacks. */
function manyStacks(stacks: number, count: number): Scenario {
  return {
    key: `${stacks}x${count}`,
    label: `${stacks} stacks of ${count} (+ VPC stack)`,
    app: (variant, outdir) => {
      const app = newApp(outdir);
      const vpc = newVpc(new cdk.Stack(app, 'Network'));
      for (let s = 0; s < stacks; s++) {
        variant.build(new cdk.Stack(app, `Service${s}`), vpc, count);
      }
      return app;
    },
  };
}

/** 10 stacks of `size` queues with cross-stack references, and one connector (the variant's) beside a VPC in the first. */
function largeApp(size: number): Scenario {
  return {
    key: `app${size}`,
    label: `10 stacks of ${size} queues with cross-stack references, 1 connector`,
    app: (variant, outdir) => {
      const app = newApp(outdir);
      let previous: sqs.Queue[] = [];
      for (let s = 0; s < 10; s++) {
        const stack = new cdk.Stack(app, `Stack${s}`);
        if (s === 0) {
          // The VPC is there in every variant, `none` too: only the connector differs.
          variant.build(stack, newVpc(stack), 1);
        }
        previous = Array.from({ length: size }, (_, q) => new sqs.Queue(stack, `Queue${q}`, {
          deadLetterQueue: q < size / 2 && previous.length > 0 ? { queue: previous[q], maxReceiveCount: 3 } : undefined,
        }));
      }
      return app;
    },
  };
}

const SCENARIOS: Scenario[] = [
  oneStack(10), oneStack(50), oneStack(100), oneStack(200), oneStack(400), manyStacks(20, 10), largeApp(50), largeApp(200),
];

interface Options {
  readonly runs: number;
  readonly warmup: number;
  readonly scenarios: Scenario[];
  readonly variants: Variant[];
  readonly heap: boolean;
  readonly json?: string;
  readonly check: boolean;
  readonly gcEachRound: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const pick = <T extends { key: string }>(all: T[], name: string): T[] => {
    const keys = value(name)?.split(',');
    if (!keys) {
      return all;
    }
    const unknown = keys.filter(k => !all.some(x => x.key === k));
    if (unknown.length > 0) {
      throw new Error(`${name} must be some of ${all.map(x => x.key).join(', ')}, got: ${unknown.join(', ')}.`);
    }
    return all.filter(x => keys.includes(x.key));
  };
  return {
    runs: Number(value('--runs') ?? process.env.BENCH_RUNS ?? 7),
    warmup: Number(value('--warmup') ?? 2),
    scenarios: pick(SCENARIOS, '--scenario'),
    variants: pick(VARIANTS, '--only'),
    heap: !argv.includes('--no-heap'),
    json: value('--json'),
    check: argv.includes('--check'),
    gcEachRound: argv.includes('--gc-each-round'),
  };
}

interface Sample {
  /** Milliseconds to build the construct tree. */
  readonly construct: number;
  /** Milliseconds for `app.synth()`. */
  readonly synth: number;
  /** Milliseconds of CPU time (user + system, all threads) for both. */
  readonly cpu: number;
}

function runOnce(scenario: Scenario, variant: Variant): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-bench-'));
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const app = scenario.app(variant, outdir);
    const t1 = performance.now();
    app.synth();
    const t2 = performance.now();
    const c = process.cpuUsage(c0);
    return { construct: t1 - t0, synth: t2 - t1, cpu: (c.user + c.system) / 1000 };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Bytes of heap still used after synth, with the app and its assembly alive, over the heap before. */
function heapOnce(scenario: Scenario, variant: Variant, gc: () => void): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-bench-'));
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    const app = scenario.app(variant, outdir);
    const assembly = app.synth();
    gc();
    const after = process.memoryUsage().heapUsed;
    // Keep both alive up to the measurement.
    if (assembly.stacks.length === 0 || app.node.children.length === 0) {
      throw new Error('empty assembly');
    }
    return after - before;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Result {
  readonly scenario: string;
  readonly variant: string;
  readonly samples: Sample[];
  /** Median of construct + synth, ms. */
  readonly total: number;
  /** Median CPU time, ms. */
  readonly cpu: number;
  readonly construct: number;
  readonly synth: number;
  readonly heapMb?: number;
}

/**
 * Times every (scenario, variant) pair, interleaved: each round runs all pairs,
 * in reverse order every other round (A B C, C B A, ...). Scenarios share the
 * rounds too, so a heap that grows over the process (aws-cdk-lib keeps every
 * token in a global map) weighs on all of them alike.
 */
function measure(options: Options): Result[] {
  const pairs = options.scenarios.flatMap(scenario => options.variants.map(variant => ({ scenario, variant })));
  const key = (scenario: Scenario, variant: Variant) => `${scenario.key}/${variant.key}`;
  const samples = new Map<string, Sample[]>(pairs.map(p => [key(p.scenario, p.variant), []]));
  const rounds = options.warmup + options.runs;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (const { scenario, variant } of round % 2 === 0 ? pairs : [...pairs].reverse()) {
      const sample = runOnce(scenario, variant);
      // Under `--gc-each-round` (bench/instructions.ts), a full collection after each sample: garbage is then
      // collected at the same points whatever the variant, instead of wherever the heap happens to fill.
      if (options.gcEachRound) {
        (globalThis as { gc?: () => void }).gc?.();
      }
      if (round >= options.warmup) {
        samples.get(key(scenario, variant))!.push(sample);
      }
    }
    console.error(`# round ${round + 1}/${rounds}${round < options.warmup ? ' (warm-up)' : ''}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = new Map<string, number[]>(pairs.map(p => [key(p.scenario, p.variant), []]));
  if (options.heap && gc) {
    for (let round = 0; round < 3; round++) {
      for (const { scenario, variant } of round % 2 === 0 ? pairs : [...pairs].reverse()) {
        heap.get(key(scenario, variant))!.push(heapOnce(scenario, variant, gc));
      }
    }
  }
  return pairs.map(({ scenario, variant }) => {
    const s = samples.get(key(scenario, variant))!;
    const h = heap.get(key(scenario, variant))!;
    return {
      scenario: scenario.key,
      variant: variant.key,
      samples: s,
      total: median(s.map(x => x.construct + x.synth)),
      cpu: median(s.map(x => x.cpu)),
      construct: median(s.map(x => x.construct)),
      synth: median(s.map(x => x.synth)),
      heapMb: h.length > 0 ? median(h) / 2 ** 20 : undefined,
    };
  });
}

function fmt(x: number | undefined, digits = 0): string {
  return x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

function printTable(results: Result[], options: Options) {
  const find = (scenario: string, variant: string) => results.find(r => r.scenario === scenario && r.variant === variant);
  const ratio = (a: number, b: number | undefined) => b === undefined ? 'n/a' : fmt(a / b, 2);
  console.log('| scenario | variant | wall ms | CPU ms | construct ms | synth ms | CPU × raw | CPU × alpha | wall × raw | wall × alpha | heap after synth MB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scenario of options.scenarios) {
    const raw = find(scenario.key, 'raw');
    const alp = find(scenario.key, 'alpha');
    for (const variant of options.variants) {
      const r = find(scenario.key, variant.key)!;
      console.log(`| ${scenario.label} | ${variant.label} | ${fmt(r.total)} | ${fmt(r.cpu)} | ${fmt(r.construct)} | ${fmt(r.synth)} `
        + `| ${ratio(r.cpu, raw?.cpu)} | ${ratio(r.cpu, alp?.cpu)} | ${ratio(r.total, raw?.total)} | ${ratio(r.total, alp?.total)} | ${fmt(r.heapMb, 1)} |`);
    }
  }
}

interface Target {
  readonly label: string;
  readonly value: number;
  readonly limit: number;
}

/** The issue's targets, on the median CPU time (wall time is shown too: the cores are shared). */
function targets(results: Result[]): Target[] {
  const find = (scenario: string, variant: string) => results.find(r => r.scenario === scenario && r.variant === variant);
  const list: Target[] = [];
  const ourKeys = results.map(r => r.variant).filter((v, i, all) => /^(ours|proto\d*)-/.test(v) && all.indexOf(v) === i);
  for (const ours of ourKeys) {
    const add = (label: string, a: Result | undefined, b: Result | undefined, limit: number) => {
      if (a !== undefined && b !== undefined) {
        list.push({ label: `${label}: CPU ${(a.cpu / b.cpu).toFixed(2)}, wall ${(a.total / b.total).toFixed(2)}`, value: a.cpu / b.cpu, limit });
      }
    };
    add(`200 connectors, ${ours} / alpha`, find('200', ours), find('200', 'alpha'), 1.0);
    add(`200 connectors, ${ours} / raw`, find('200', ours), find('200', 'raw'), 1.1);
    add(`${ours}, time(200) / time(100)`, find('200', ours), find('100', ours), 2.2);
  }
  return list;
}

function main() {
  const options = parseOptions(process.argv.slice(2));
  const gcAvailable = typeof (globalThis as { gc?: unknown }).gc === 'function';
  console.log(`# synth benchmark: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), `
    + `${Math.round(os.totalmem() / 2 ** 30)} GiB; ${options.warmup} warm-up + ${options.runs} timed rounds per scenario; ours from ${libDir}${compareDirs.map((d, i) => `, prototype${i === 0 ? '' : ` ${i + 1}`} from ${d}`).join('')}`);
  if (options.heap && !gcAvailable) {
    console.log('# heap: not measured (run node with --expose-gc)');
  }
  const results = measure(options);
  console.log('');
  printTable(results, options);
  console.log('');
  let missed = 0;
  for (const t of targets(results)) {
    const ok = t.value <= t.limit;
    missed += ok ? 0 : 1;
    console.log(`- ${ok ? 'PASS' : 'MISS'} ${t.label} (target <= ${t.limit.toFixed(2)} on CPU time)`);
  }
  if (options.json) {
    fs.writeFileSync(options.json, JSON.stringify({ node: process.version, runs: options.runs, results }, undefined, 2));
  }
  if (options.check && missed > 0) {
    process.exitCode = 1;
  }
}

main();
