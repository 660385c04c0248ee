/**
 * Shared by the machine checks in this folder (chromium-path.mjs, postgres-server.mjs).
 * Plain Node, no dependencies: `.ci/run` calls those checks before `npm ci`.
 */
import { accessSync, constants, statSync } from 'node:fs';

/** True when `file` exists, is a regular file and may be executed. */
export function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
