/**
 * The synth benchmark counted in CPU instructions instead of milliseconds:
 * each variant of bench/synth.ts runs in its own Node process under
 * `valgrind --tool=callgrind`, which counts the instructions the process
 * executes. Unlike time, the count does not depend on what else the machine is
 * doing: Node runs with `--single-threaded --predictable` (no concurrent JIT
 * or GC threads), and two runs of the same code count the same instructions
 * to within a few in a million. It is a proxy for CPU time (it does not see
 * cache misses or system calls), and about 50 times slower than a plain run.
 *
 *   npx ts-node --project tsconfig.dev.json bench/instructions.ts [--scenario 200[,400,app50,...]] [--only none,raw,alpha,...] [--rounds 2]
 *
 * A variant's cost is the difference between a process that builds and synthesizes
 * the app `1 + rounds` times and one that does it once, divided by `rounds`:
 * loading Node, TypeScript and aws-cdk-lib, and the first (cold) round cancel out.
 * BENCH_LIB and BENCH_COMPARE work as for bench/synth.ts; BENCH_NODE_FLAGS adds Node options (a larger
 * young generation, `--max-semi-space-size=64`, makes fewer garbage collections, whose placement is
 * what moves counts between variants). Needs valgrind.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import * as ts from 'typescript';

const run = promisify(execFile);
const root = path.join(__dirname, '..');

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** bench/synth.ts as plain JavaScript, so that valgrind does not also run the TypeScript compiler. */
function transpiledSynth(): string {
  const outDir = path.join(root, 'node_modules', '.cache', 'cdk-apprunner-bench');
  fs.mkdirSync(outDir, { recursive: true });
  const source = fs.readFileSync(path.join(__dirname, 'synth.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  const file = path.join(outDir, 'synth.js');
  fs.writeFileSync(file, outputText);
  return file;
}

/** Instructions a Node process running `script` with `args` executes. */
async function instructions(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { stderr } = await run('valgrind', [
    '--tool=callgrind', '--callgrind-out-file=/dev/null',
    process.execPath, '--single-threaded', '--predictable', '--expose-gc', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(f => f !== ''), script, ...args,
  ], { env, maxBuffer: 64 * 2 ** 20 });
  const match = /Collected : (\d+)/.exec(stderr);
  if (!match) {
    throw new Error(`valgrind printed no instruction count for ${args.join(' ')}:\n${stderr.slice(-2000)}`);
  }
  return Number(match[1]);
}

/** Runs the jobs, at most `limit` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** Connectors in a scenario of bench/synth.ts: `200`, `20x10` (20 stacks of 10), or one in a large app (`app50`). */
function connectorsIn(scenario: string): number {
  return scenario.startsWith('app') ? 1 : scenario.split('x').map(Number).reduce((a, b) => a * b, 1);
}

async function main() {
  const argv = process.argv.slice(2);
  const scenarios = (option(argv, '--scenario') ?? '200').split(',');
  const rounds = Number(option(argv, '--rounds') ?? 2);
  const compare = (process.env.BENCH_COMPARE ?? '').split(',').filter(d => d !== '');
  const protoKeys = compare.flatMap((_, i) => [`proto${i === 0 ? '' : i + 1}-vpc`, `proto${i === 0 ? '' : i + 1}-explicit`]);
  const variants = option(argv, '--only')?.split(',') ?? ['raw', 'alpha', 'ours-vpc', 'ours-explicit', ...protoKeys];
  const script = transpiledSynth();
  const env = {
    ...process.env,
    BENCH_LIB: path.resolve(process.env.BENCH_LIB ?? path.join(root, 'lib')),
    BENCH_COMPARE: compare.map(d => path.resolve(d)).join(','),
  };
  const jobs = scenarios.flatMap(scenario => variants.flatMap(variant => [1, 1 + rounds].map(runs => async () => {
    const count = await instructions(script, ['--scenario', scenario, '--only', variant, '--runs', String(runs), '--warmup', '0', '--no-heap', '--gc-each-round'], env);
    console.error(`# ${scenario}, ${variant}, ${runs} round(s): ${count} instructions`);
    return { scenario, variant, runs, count };
  })));
  console.log(`# instructions per build + synth: (count of ${1 + rounds} rounds - count of 1) / ${rounds}; `
    + `node ${process.version}${process.env.BENCH_NODE_FLAGS ? ` ${process.env.BENCH_NODE_FLAGS}` : ''}, valgrind callgrind; ours from ${env.BENCH_LIB}`
    + `${env.BENCH_COMPARE ? `, prototypes from ${env.BENCH_COMPARE}` : ''}`);
  const counts = await pool(jobs, Math.max(1, os.cpus().length));
  const ratio = (a: number, b: number | undefined) => (b === undefined ? 'n/a' : (a / b).toFixed(3));
  console.log('');
  console.log('| scenario | variant | million instructions per round | thousand per connector | × none | × raw | × alpha |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const scenario of scenarios) {
    const perRound = new Map(variants.map(variant => {
      const of = (runs: number) => counts.find(c => c.scenario === scenario && c.variant === variant && c.runs === runs)!.count;
      return [variant, (of(1 + rounds) - of(1)) / rounds];
    }));
    for (const [variant, count] of perRound) {
      console.log(`| ${scenario} | ${variant} | ${(count / 1e6).toFixed(1)} | ${(count / connectorsIn(scenario) / 1e3).toFixed(0)} `
        + `| ${ratio(count, perRound.get('none'))} | ${ratio(count, perRound.get('raw'))} | ${ratio(count, perRound.get('alpha'))} |`);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
