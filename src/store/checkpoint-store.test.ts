import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointStore } from './checkpoint-store.js';
import { openDatabase, STORE_FILE, type Db } from './open-database.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-checkpoint-'));
  db = openDatabase(dir);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const fileSize = () => statSync(join(dir, STORE_FILE)).size;

describe('checkpointStore (while a run still has the store open)', () => {
  it('copies the log into the store file; the run goes on writing, and its close leaves one file', () => {
    db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT)');
    const insert = db.prepare('INSERT INTO scratch (text) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    const before = fileSize();
    checkpointStore(dir);
    // The rows are in the store file itself now, not only in its log.
    expect(fileSize()).toBeGreaterThan(before + 200 * 500);
    expect(existsSync(join(dir, `${STORE_FILE}-wal`))).toBe(true);
    insert.run('after the checkpoint');
    expect(db.prepare('SELECT COUNT(*) FROM scratch').pluck().get()).toBe(201);
    db.close();
    // The run's own close was the last: the log is folded in and removed, as without it.
    expect(existsSync(join(dir, `${STORE_FILE}-wal`))).toBe(false);
    const reopened = openDatabase(dir);
    expect(reopened.prepare('SELECT COUNT(*) FROM scratch').pluck().get()).toBe(201);
    reopened.close();
  });

  it('refuses a folder without a store instead of creating one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'turncoat-checkpoint-empty-'));
    expect(() => checkpointStore(empty)).toThrow();
    expect(existsSync(join(empty, STORE_FILE))).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });
});
