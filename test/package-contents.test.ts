/**
 * What the npm tarball contains (and so the copy of it that jsii-pacmak puts into the Python wheel):
 * only what users need. `files` in package.json (set in .projenrc.ts) is the allow-list; this test packs
 * the project with `npm pack --dry-run` and fails on anything else — a new development folder, a local
 * leftover, a TypeScript source.
 *
 * It packs the compiled library: CI (.ci/run) compiles before `npm test`. When lib/ or the assembly is
 * missing (a fresh clone), the test runs `npx projen compile` first.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/**
 * The top-level entries of the tarball. npm always packs package.json, README.md and LICENSE; the others
 * are the `files` of package.json. The rosetta tablet is written by `npx projen post-compile`, so a
 * tarball made after `compile` alone has none.
 */
const REQUIRED_TOP_LEVEL = ['.jsii', 'API.md', 'LICENSE', 'README.md', 'lib', 'package.json'];
const OPTIONAL_TOP_LEVEL = ['.jsii.tabl.json'];

/** Under lib/: the compiled JavaScript, its source maps and its declarations, nothing else. */
const LIB_FILE = /^lib\/(?:[\w.-]+\/)*[\w.-]+(?:\.d\.ts|\.js|\.js\.map)$/;

interface PackResult {
  readonly files: { readonly path: string }[];
}

function compileIfMissing(): void {
  if (fs.existsSync(path.join(ROOT, 'lib', 'index.js')) && fs.existsSync(path.join(ROOT, '.jsii'))) {
    return;
  }
  try {
    execFileSync('npx', ['projen', 'compile'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`lib/ is not built, and \`npx projen compile\` failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

let packed: string[];

beforeAll(() => {
  compileIfMissing();
  const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  packed = result.files.map(f => f.path).sort();
}, 180_000);

test('the tarball holds only the allowed top-level entries', () => {
  const topLevel = [...new Set(packed.map(p => p.split('/')[0]))].sort();
  expect(topLevel.filter(entry => !REQUIRED_TOP_LEVEL.includes(entry) && !OPTIONAL_TOP_LEVEL.includes(entry))).toEqual([]);
  expect(REQUIRED_TOP_LEVEL.filter(entry => !topLevel.includes(entry))).toEqual([]);
});

test('lib/ ships only JavaScript, source maps and declarations, each module with all three', () => {
  const lib = packed.filter(p => p.startsWith('lib/'));
  expect(lib.filter(p => !LIB_FILE.test(p))).toEqual([]);

  const modules = (ext: string) => lib.filter(p => p.endsWith(ext) && (ext === '.d.ts' || !p.endsWith('.d.ts'))).map(p => p.slice(0, -ext.length));
  expect(modules('.js')).toEqual(modules('.d.ts'));
  expect(modules('.js')).toEqual(modules('.js.map'));
});

test('the JavaScript carries no inline source map: Node reads and parses every byte of a module on require()', () => {
  // An inline map (jsii's default) holds the TypeScript source in base64: it tripled the bytes that
  // require() reads. The maps are separate files; `node --enable-source-maps` still finds them.
  const js = packed.filter(p => p.startsWith('lib/') && p.endsWith('.js'));
  expect(js.length).toBeGreaterThan(0);
  for (const file of js) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).not.toContain('sourceMappingURL=data:');
    expect(text).toContain(`//# sourceMappingURL=${path.basename(file)}.map`);
  }
});

test("package.json's entry points are in the tarball", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string };
  expect(packed).toContain(path.posix.normalize(pkg.main));
  expect(packed).toContain(path.posix.normalize(pkg.types));
  expect(packed).toContain('lib/index.js');
});

test('the rosetta tablet is shipped whenever the build made one', () => {
  // Construct Hub and packages that build on this one read the README's translated examples from it.
  expect(packed.includes('.jsii.tabl.json')).toBe(fs.existsSync(path.join(ROOT, '.jsii.tabl.json')));
});
