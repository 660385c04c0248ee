#!/usr/bin/env node
// `turncoat --version` and plain help requests (`turncoat --help`, `turncoat run --help`)
// answer before the CLI's modules load: commander and the command table cost more than the
// answer may take. The help pages are written by `npm run build` from the full program
// (src/cli/help-pages.ts, read by src/cli/built-help.ts). Everything else goes through main, bundled with commander by
// `npm run build` (scripts/build-cli.mjs) so that start-up reads few files.
const args = process.argv.slice(2);
const last = args[args.length - 1];
if (args.length === 1 && (last === '--version' || last === '-V')) {
  const { toolVersion } = await import('../dist/version.js');
  process.stdout.write(`${toolVersion()}\n`);
} else {
  const page =
    last === '--help' || last === '-h'
      ? (await import('../dist/cli/built-help.js')).builtHelpPage(args)
      : undefined;
  if (page !== undefined) {
    process.stdout.on('error', () => undefined); // `turncoat --help | head -1` is not a failure
    process.stdout.write(page);
  } else {
    const { main } = await import('../dist/cli/bundle/main.js');
    process.exitCode = await main(args);
  }
}
