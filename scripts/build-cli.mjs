/**
 * Builds what `bin/turncoat.js` starts: the CLI and every module of src/ it reaches, bundled
 * by esbuild into dist/cli/bundle/ (one entry, `main.js`, a chunk per command that loads when
 * the command runs, and chunks they share), with the pure-JavaScript packages a run and its
 * report load (BUNDLED below) inlined too. The worker thread the CLI starts (the guard's audit
 * writer) is an entry of the same bundle, so it loads bundled as well.
 *
 * Why: Node loads each ES module and each CommonJS file separately (resolve, read, compile,
 * link), and a `turncoat run` used to load some 600 of them (270 of dist/, 95 of zod, 100 of
 * undici, 300 of Vega in the report thread): a second of CPU before and after the trials.
 *
 * The CLI process loads only the bundle, so each module has one copy (`instanceof InputError`
 * and the store's state hold). Modules that find files relative to themselves
 * (`import.meta.url`: the scenario packs, package.json, the viewer's assets, the scenario
 * cache's code fingerprint) see the URL of their tsc output in dist/, as when run unbundled;
 * tsc runs first (`npm run build`). Only the modules that start a thread from the file beside
 * them (THREAD_STARTERS) keep the bundle's own URL, where that thread's bundled entry sits.
 * Run by `npm run build`, after tsc:
 *   node scripts/build-cli.mjs
 */
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const outdir = join(dist, 'cli', 'bundle');

/** Packages inlined when src/ imports them (with what they import); others load from node_modules. */
const BUNDLED = new Set([
  'commander',
  'zod',
  'undici',
  'p-queue',
  '@faker-js/faker',
  'cli-table3',
  'fastest-levenshtein',
  'picomatch',
  'vega',
  'vega-lite',
]);

/** Modules that start a worker thread from a file beside them, and that thread's entry. */
const THREAD_STARTERS = {
  'guard/audit-writer.ts': { 'audit-writer-thread': 'guard/audit-writer-thread.ts' },
};

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * src/ and BUNDLED packages go in (and `also`); other packages stay imports (from node_modules).
 * @param {string[]} also
 */
const packages = (also = []) => ({
  name: 'packages',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return undefined;
      const fromSrc = args.importer.startsWith(src + sep);
      const name = packageName(args.path);
      if (!fromSrc || BUNDLED.has(name) || also.includes(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
});

/** Each src/ module's `import.meta.url` becomes the URL of its tsc output in dist/. */
const distUrls = {
  name: 'dist-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(src + sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const inSrc = relative(src, args.path).split(sep).join('/');
      if (!text.includes('import.meta.url') || inSrc in THREAD_STARTERS) return undefined;
      const compiled = relative(outdir, join(dist, inSrc.replace(/\.ts$/, '.js')));
      const url = `new URL(${JSON.stringify(compiled.split(sep).join('/'))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * undici as src/ uses it (a connection pool and its request API, for the lean chat path)
 * without what its index.js also loads and runs at start-up: fetch, WebSocket, the cache and
 * cookie APIs, the mocks (three quarters of its 800 KB). The same classes; the request API
 * goes on the dispatchers' prototype as index.js puts it there. A name src/ imports that is
 * not exported here fails the build.
 */
const undiciCore = {
  name: 'undici-core',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer.startsWith(src + sep)
        ? { path: 'undici', namespace: 'undici-core' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'undici-core' }, () => ({
      resolveDir: root,
      contents: `
        import Agent from 'undici/lib/dispatcher/agent.js';
        import Client from 'undici/lib/dispatcher/client.js';
        import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
        import Pool from 'undici/lib/dispatcher/pool.js';
        import api from 'undici/lib/api/index.js';
        Object.assign(Dispatcher.prototype, api);
        export { Agent, Client, Dispatcher, Pool };`,
    }));
  },
};

/**
 * Node modules that packages load as they start but turncoat never uses, each a few ms of every
 * start: undici's HTTP/2 client (node:http2; reached only when a TLS server picks h2, which
 * undici offers only with `allowH2`, never set in src/) and commander's child_process (for
 * subcommands that are separate executables, which turncoat has none of). The HTTP/2 client
 * becomes one that refuses; commander requires child_process when it would spawn. A package
 * update that changes these lines fails the build here.
 */
const unusedAtStart = {
  name: 'unused-at-start',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]undici[\\/]lib[\\/]dispatcher$/.test(args.resolveDir)
        ? { path: 'client-h2', namespace: 'undici-no-h2' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'undici-no-h2' }, () => ({
      contents:
        "module.exports = async function connectH2 () { throw new Error('turncoat does not speak HTTP/2 (undici allowH2 is off)') }",
      loader: 'js',
    }));
    esbuild.onLoad(
      { filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ },
      (args) => {
        const text = readFileSync(args.path, 'utf8');
        const eager = "const childProcess = require('node:child_process');";
        if (!text.includes(eager)) throw new Error(`${args.path}: no "${eager}" to make lazy`);
        const lazy =
          "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
        return { contents: text.replace(eager, lazy), loader: 'js' };
      },
    );
  },
};

/**
 * zod's `z.locales` holds the error messages of some fifty languages (370 KB of the 750 KB
 * zod adds to a run's start-up); turncoat speaks English only (zod's default, which its
 * schemas import on their own) and never reads `z.locales`: it holds `en` alone here.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-en' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      resolveDir: dirname(args.path),
      contents: "export { default as en } from './en.js';",
    }));
  },
};

/**
 * Modules of src/ that only hand out a value of another module through a function (`export
 * const get = (): T => value;`), so that the bundles can build that module on first use: each
 * becomes one that `require`s it when `get` is first called (esbuild inlines the module behind
 * that call and runs its set-up then). What a run of variant 0 with its packs in the scenario
 * cache never calls is then neither run at its start-up nor carried in its code cache
 * (bin/code-cache.js):
 * - scenario/name-faker.ts: faker (~470 KB of locale tables, the largest package a run
 *   loads), for a variant's names;
 * - scenario/pack-schema.ts: the ~40 zod schemas that validate a pack's YAML.
 * A module whose text no longer has the form below fails the build here.
 */
const ON_FIRST_USE = {
  'scenario/name-faker.ts': {
    get: 'nameFaker',
    type: 'Faker',
    from: '@faker-js/faker/locale/en',
    value: 'faker',
  },
  'scenario/pack-schema.ts': {
    get: 'packSchemaOf',
    type: 'typeof packSchema',
    from: './schema.js',
    value: 'packSchema',
  },
};

const onFirstUse = {
  name: 'on-first-use',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(src + sep)) return undefined;
      const lazy = ON_FIRST_USE[relative(src, args.path).split(sep).join('/')];
      if (lazy === undefined) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const eager = [
        `import { ${lazy.value} } from '${lazy.from}';`,
        `export const ${lazy.get} = (): ${lazy.type} => ${lazy.value};`,
      ];
      for (const line of eager)
        if (!text.includes(line)) throw new Error(`${args.path}: no "${line}" to make lazy`);
      return {
        contents: `
          let built;
          export const ${lazy.get} = () =>
            (built ??= require(${JSON.stringify(lazy.from)}).${lazy.value});`,
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

/** Vega and Vega-Lite load from node_modules where a bundle needs them (not in `cli.cjs`). */
const withoutVega = {
  name: 'without-vega',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^vega(-lite)?$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

const threads = Object.assign({}, ...Object.values(THREAD_STARTERS));

/**
 * The scenario cache's code fingerprints (src/scenario/scenario-cache.ts), from the tsc output
 * the bundles are built beside: fixed in the bundles, which run the code they were built from,
 * so that no start reads those modules and package.json files again to compute them.
 */
const { codeFingerprint } = await import(
  pathToFileURL(join(dist, 'scenario', 'scenario-cache.js')).href
);
const fingerprints = { packs: codeFingerprint('packs'), renders: codeFingerprint('renders') };
if (!fingerprints.packs || !fingerprints.renders)
  throw new Error('the scenario cache cannot fingerprint its code in dist/ (run tsc first)');
const fingerprintsDefine = { __TURNCOAT_CODE_FINGERPRINTS__: JSON.stringify(fingerprints) };

// Chunk names carry a hash: clear the last build's so the package ships only this one.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: join(src, 'cli', 'main.ts'),
    ...Object.fromEntries(Object.entries(threads).map(([name, file]) => [name, join(src, file)])),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false, // the maps name src/ and node_modules/ files; their text would triple the bundle's size
  chunkNames: '[name]-[hash]',
  define: fingerprintsDefine,
  // CommonJS packages (commander, undici) require() node's modules: an ES module needs a require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [undiciCore, unusedAtStart, zodEnglishOnly, onFirstUse, packages(), distUrls],
  logLevel: 'warning',
});

/**
 * The same CLI once more as ONE CommonJS file, `cli.cjs`, for the commands whose start-up is
 * part of a run's wall time (`run`, `worker`; bin/turncoat.js picks it): node 20 keeps no
 * compiled code for ES modules between processes, but a CommonJS script compiled through
 * `vm.Script` can be given V8's code cache from the last start (bin/code-cache.js), which saves
 * parsing and compiling the bundle, and one file saves the ES module loader's per-chunk work
 * (resolve, read, link): together about a third of a second before a run's first model call.
 * The dynamic imports of src/ stay lazy (esbuild wraps each such module in an initialiser).
 * Vega and Vega-Lite (ES modules only, with a top-level await) stay out: only the report
 * commands, which load the ES module bundle, draw charts in Node.
 */
const cjsBuild = await build({
  entryPoints: { cli: join(src, 'cli', 'main.ts') },
  metafile: true,
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  charset: 'ascii', // read as latin1 by bin/code-cache.js: no UTF-8 decoding of 3 MB
  sourcemap: true,
  sourcesContent: false,
  // `import.meta.url` is the bundle's file URL (distUrls has made each module's URL from it).
  define: { 'import.meta.url': '__bundleUrl', ...fingerprintsDefine },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // @ai-sdk/provider (its error classes; CommonJS here either way) compiles with the rest.
  plugins: [
    undiciCore,
    unusedAtStart,
    zodEnglishOnly,
    onFirstUse,
    withoutVega,
    packages(['@ai-sdk/provider']),
    distUrls,
  ],
  logLevel: 'warning',
  // audit-writer.ts reads import.meta.resolve only when it runs from the TypeScript sources.
  logOverride: { 'empty-import-meta': 'silent' },
});

// The packages src/ imports dynamically (the AI SDK's providers) load through `__import`, which
// bin/code-cache.js hands the bundle: node 20 runs an `import()` in code compiled by `vm.Script`
// only with an experimental flag or an experimental warning on stderr.
const lazyPackages = new Set(
  Object.values(cjsBuild.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.external && i.kind === 'dynamic-import')
    .map((i) => i.path),
);
let cjsText = readFileSync(join(outdir, 'cli.cjs'), 'utf8');
for (const name of lazyPackages) {
  const call = `import(${JSON.stringify(name)})`;
  if (!cjsText.includes(call)) throw new Error(`cli.cjs: no ${call} to load through __import`);
  cjsText = cjsText.replaceAll(call, `__import(${JSON.stringify(name)})`);
}

// esbuild escapes non-ASCII text in strings but keeps it in comments and regular expressions:
// escape those too (`\uXXXX` means the same in a regular expression), so that the bundle is
// ASCII and reading it as latin1 gives its text exactly.
// After a backslash the escape would read differently: let a change that brings one fail here.
if (/\\[\u0080-\uffff]/.test(cjsText))
  throw new Error('cli.cjs: a backslash before non-ASCII text');
writeFileSync(
  join(outdir, 'cli.cjs'),
  cjsText.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

// The help pages `bin/turncoat.js` prints for `--help` without loading the CLI, written from
// the program just built (tsc's dist/cli/), so they are its help byte for byte.
const { helpPages } = await import(pathToFileURL(join(root, 'dist', 'cli', 'help-pages.js')).href);
writeFileSync(
  join(root, 'dist', 'cli', 'help-pages.json'),
  `${JSON.stringify(await helpPages())}\n`,
);
