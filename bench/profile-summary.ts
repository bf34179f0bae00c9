/**
 * Summarizes a `node --cpu-prof` profile: the functions with the most self
 * time, and the inclusive time (self + callees) of every function defined in a
 * file whose path contains the filter (default `vpc-connector`).
 *
 *   npx ts-node --project tsconfig.dev.json bench/profile-summary.ts PROFILE.cpuprofile [filter] [top]
 */
import * as fs from 'fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function main() {
  const [file, filter = 'vpc-connector', topArg = '25'] = process.argv.slice(2);
  if (!file) {
    throw new Error('Pass the .cpuprofile file: bench/profile-summary.ts PROFILE.cpuprofile [filter] [top]');
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }

  // Self time per node (µs): each sample's delta goes to the node it hit.
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
    total += dt;
  });

  const selfByFrame = new Map<string, number>();
  const inclusiveByFrame = new Map<string, number>();
  for (const [id, dt] of selfTime) {
    const node = byId.get(id)!;
    const name = frameName(node.callFrame);
    selfByFrame.set(name, (selfByFrame.get(name) ?? 0) + dt);
    // Inclusive: count the sample once for every distinct matching frame on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const n = frameName(frame);
      if (frame.url.includes(filter) && !seen.has(n)) {
        seen.add(n);
        inclusiveByFrame.set(n, (inclusiveByFrame.get(n) ?? 0) + dt);
      }
    }
  }

  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  console.log(`\nTop ${topArg} functions by self time:`);
  for (const [name, us] of [...selfByFrame].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
    console.log(`${pct(us)} ${ms(us)}  ${name}`);
  }
  console.log(`\nInclusive time of functions in files matching '${filter}':`);
  for (const [name, us] of [...inclusiveByFrame].sort((a, b) => b[1] - a[1])) {
    console.log(`${pct(us)} ${ms(us)}  ${name}`);
  }
}

main();
