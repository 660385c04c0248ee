#!/usr/bin/env node
'use strict';
// `turncoat --version` and plain help requests (`turncoat --help`, `turncoat run --help`)
// answer before the CLI loads (fast-answers.js): commander and the command table cost more
// than the answer may take. Everything else goes through main, bundled with commander by
// `npm run build` (scripts/build-cli.mjs) so that start-up reads few files. This file and
// fast-answers.js are CommonJS (bin/package.json): that start is cheaper than an ES module's.
const { fastAnswer } = require('./fast-answers.js');

const args = process.argv.slice(2);
const answer = fastAnswer(args);
if (answer !== undefined) {
  process.stdout.on('error', () => undefined); // `turncoat --help | head -1` is not a failure
  process.stdout.write(answer);
} else {
  import('../dist/cli/bundle/main.js')
    .then(({ main }) => main(args))
    .then((code) => {
      process.exitCode = code;
    });
}
