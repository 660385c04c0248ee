/**
 * Builds the CLI shell that `bin/turncoat.js` starts: src/cli/ and commander, bundled by
 * esbuild into dist/cli/bundle/ (one entry, `main.js`, and a chunk per command that loads
 * when the command runs). Everything outside src/cli/ stays the tsc output in dist/ (one copy
 * of each module, so `instanceof InputError` and the store's state hold), and the other
 * packages load from node_modules as usual.
 *
 * Why: Node loads each ES module and each CommonJS file of commander separately, and
 * `turncoat --help` spent most of its time doing that. Run by `npm run build`, after tsc.
 *   node scripts/build-cli.mjs
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const cli = join(src, 'cli');
const outdir = join(root, 'dist', 'cli', 'bundle');
/** Where a file of the bundle would sit in src/, to write its imports of dist/ files. */
const outdirInSrc = join(src, 'cli', 'bundle');

/** Imports leaving src/cli/ point at the same module in dist/; packages but commander stay imports. */
const distImports = {
  name: 'dist-imports',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      if (!args.importer.startsWith(src + sep) || target.startsWith(cli + sep)) return undefined;
      return { path: relative(outdirInSrc, target).split(sep).join('/'), external: true };
    });
    esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === 'commander' ? undefined : { path: args.path, external: true },
    );
  },
};

// Chunk names carry a hash: clear the last build's so the package ships only this one.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(cli, 'main.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  // commander is CommonJS: its require() of node's modules needs a require in an ES module.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [distImports],
  logLevel: 'warning',
});

// The help pages `bin/turncoat.js` prints for `--help` without loading the CLI, written from
// the program just built (tsc's dist/cli/), so they are its help byte for byte.
const { helpPages } = await import(pathToFileURL(join(root, 'dist', 'cli', 'help-pages.js')).href);
writeFileSync(
  join(root, 'dist', 'cli', 'help-pages.json'),
  `${JSON.stringify(await helpPages())}\n`,
);
