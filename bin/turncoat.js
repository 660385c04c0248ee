#!/usr/bin/env node
// `turncoat --version` alone answers before the CLI's modules load (the command table and
// commander cost more than the answer); everything else goes through main, bundled with
// commander by `npm run build` (scripts/build-cli.mjs) so that start-up reads few files.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { toolVersion } = await import('../dist/version.js');
  process.stdout.write(`${toolVersion()}\n`);
} else {
  const { main } = await import('../dist/cli/bundle/main.js');
  process.exitCode = await main(args);
}
