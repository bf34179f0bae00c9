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

/** Under lib/: the compiled JavaScript and its declarations, nothing else (no source maps: see below). */
const LIB_FILE = /^lib\/(?:[\w.-]+\/)*[\w.-]+(?:\.d\.ts|\.js)$/;

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

test('lib/ ships only JavaScript and declarations, each module with both', () => {
  const lib = packed.filter(p => p.startsWith('lib/'));
  expect(lib.filter(p => !LIB_FILE.test(p))).toEqual([]);

  const modules = (ext: string) => lib.filter(p => p.endsWith(ext) && (ext === '.d.ts' || !p.endsWith('.d.ts'))).map(p => p.slice(0, -ext.length));
  expect(modules('.js')).toEqual(modules('.d.ts'));
});

test('the JavaScript refers to no source map: a stack trace points at lib/*.js, which the package ships', () => {
  // An inline map (jsii's default) holds the TypeScript source in base64: it tripled the bytes that require()
  // reads. A map in a separate file names src/*.ts, which the package does not ship, so a stack trace under
  // `node --enable-source-maps` pointed at files users do not have. No map at all: traces name lib/*.js.
  const js = packed.filter(p => p.startsWith('lib/') && p.endsWith('.js'));
  expect(js.length).toBeGreaterThan(0);
  for (const file of js) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).not.toContain('sourceMappingURL');
  }
  expect(packed.filter(p => p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts')))).toEqual([]);
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
