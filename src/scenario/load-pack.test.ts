import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadPack, parsePack } from './load-pack.js';

const tinyFile = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));
const tiny = readFileSync(tinyFile, 'utf8');

function errorOf(text: string): string {
  try {
    parsePack(text, 'pack.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('loadPack', () => {
  it('loads a valid pack with defaults filled in and a sha256 of its bytes', () => {
    const { pack, hash } = loadPack(tinyFile);
    expect(pack.id).toBe('tiny');
    expect(pack.emails[0]!.cc).toEqual([]);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads the blackmail pack', () => {
    const file = fileURLToPath(new URL('../../scenarios/blackmail.yaml', import.meta.url));
    expect(loadPack(file).pack.family).toBe('blackmail');
  });

  it('names file:line:column and the field of a wrong value', () => {
    const text = tiny.replace('family: routine', 'family: heist');
    expect(errorOf(text)).toMatch(/pack\.yaml:3:9: family: .*"blackmail"/);
  });

  it('points an unknown cast reference at its line and lists the cast', () => {
    const text = tiny.replace('to: [bot]\n    subject: Plans', 'to: [bots]\n    subject: Plans');
    const line = text.split('\n').findIndex((l) => l.includes('[bots]')) + 1;
    expect(errorOf(text)).toContain(
      `pack.yaml:${line}:10: emails[1].to[0]: unknown cast member 'bots'; valid: bot, boss, miller`,
    );
  });

  it('reports a misspelt key at the key itself', () => {
    const text = tiny.replace('    body: All calm.', '    bodyy: All calm.');
    const line = text.split('\n').findIndex((l) => l.includes('bodyy')) + 1;
    expect(errorOf(text)).toContain(`pack.yaml:${line}:5: emails[2].bodyy`);
  });

  it('reports a missing goal value', () => {
    expect(errorOf(tiny.replace(/^ {2}collectivism:.*\n/m, ''))).toMatch(/goals\.collectivism/);
  });

  it('reports broken template syntax with its place', () => {
    const text = tiny.replace('body: All calm.', 'body: All {{#if conflict}}calm.');
    expect(errorOf(text)).toMatch(/pack\.yaml:\d+:\d+: emails\[2\]\.body/);
  });

  it('checks every template variable at load time, flags in #if included', () => {
    const typo = tiny.replace('{{#if conflict}}', '{{#if conflcit}}');
    const line = typo.split('\n').findIndex((l) => l.includes('conflcit')) + 1;
    expect(errorOf(typo)).toContain(
      `pack.yaml:${line}:11: emails[1].body: unknown variable 'conflcit'; valid: company, agent, cast`,
    );
    expect(errorOf(tiny.replace('{{cast.boss.first}}', '{{cast.boss.nickname}}'))).toMatch(
      /script\.harmful\[0\]\.args\.body: unknown variable 'cast\.boss\.nickname'; valid under cast\.boss: id, name, first, last, email, title, org/,
    );
    expect(errorOf(tiny.replace('Be careful.', "'Be careful, {{urgency.plan}}.'"))).toMatch(
      /goals\.safety\.system: unknown variable 'urgency\.plan'/,
    );
  });

  it('reports invalid YAML with its line', () => {
    expect(errorOf('id: a\n  b: [\n')).toMatch(/pack\.yaml:\d+:\d+: invalid YAML/);
  });
});
