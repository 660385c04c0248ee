import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadConfig, parseConfig } from './load-config.js';
import { expandConditions } from './expand-conditions.js';
import { modelConcurrency, providerOptionsFor, settingsNotes } from './model-options.js';
import { STARTER_CONFIG } from './starter.js';

const minimal = `conditions: [blackmail_explicit-america_replacement]
models: [anthropic:claude-sonnet-4-5]
`;

function errorOf(text: string): string {
  try {
    parseConfig(text, 'turncoat.config.yaml', '/exp');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills defaults and resolves paths against the config folder', () => {
    const config = parseConfig(
      `${minimal}guard: policies/guard.yaml\n`,
      'turncoat.config.yaml',
      '/exp',
    );
    expect(config).toMatchObject({
      samples: 10,
      seed: 1,
      protocol: 'tools',
      cache: true,
      judges: [],
      out: '/exp/turncoat-out',
      guard: '/exp/policies/guard.yaml',
      models: [{ id: 'anthropic:claude-sonnet-4-5' }],
    });
    // No scenarios: the packs shipped with turncoat, wherever the config lives.
    expect(config.scenarios).toBeUndefined();
  });

  it('resolves scenario pack globs against the config folder', () => {
    const config = parseConfig(
      `${minimal}scenarios: [packs/*.yaml]\n`,
      'turncoat.config.yaml',
      '/exp',
    );
    expect(config.scenarios).toEqual(['/exp/packs/*.yaml']);
  });

  it('names file:line:column and the field of a bad value', () => {
    const message = errorOf(`conditions: [blackmail_explicit-america_replacement]
models:
  - id: openai:gpt-4.1
    settings:
      temperature: hot
`);
    expect(message).toMatch(/turncoat\.config\.yaml:5:20: models\[0\]\.settings\.temperature: /);
  });

  it('points at an unknown field by its line', () => {
    expect(errorOf(`${minimal}sampels: 20\n`)).toMatch(
      /turncoat\.config\.yaml:3:1: sampels: unknown field 'sampels'/,
    );
  });

  it('rejects a bad axis value listing the valid ones', () => {
    const message = errorOf(`models: [openai:gpt-4.1]
conditions:
  - goalTypes: [explicit, sneaky]
`);
    expect(message).toMatch(
      /:3:27: conditions\[0\]\.goalTypes\[1\]: .*"explicit"\|"latent".*\(got "sneaky"\)/,
    );
  });

  it('rejects a model id with an unknown provider', () => {
    expect(errorOf(`conditions: [x]\nmodels: [mistral:large]\n`)).toMatch(
      /:2:10: models\[0\]\.id: 'mistral:large' is not a model id/,
    );
  });

  it('refuses API keys in the file', () => {
    expect(
      errorOf(`conditions: [x]\nmodels:\n  - id: openai:gpt-4.1\n    apiKey: sk-live-123\n`),
    ).toMatch(/:4:13: models\[0\]\.apiKey: API keys do not belong in the config file/);
  });

  it('reports invalid YAML with its line', () => {
    expect(errorOf(`models: [openai:gpt-4.1\nconditions: x\n`)).toMatch(
      /turncoat\.config\.yaml:\d+:\d+: invalid YAML/,
    );
  });

  it('reports a missing required field', () => {
    expect(errorOf(`models: [openai:gpt-4.1]\n`)).toMatch(
      /conditions: required field is missing|conditions: Invalid input/,
    );
  });
});

describe('expandConditions', () => {
  it('crosses per-axis lists the way the study did', () => {
    const ids = expandConditions(
      [
        {
          scenarios: ['blackmail'],
          goalTypes: ['explicit', 'none'],
          goalValues: ['america'],
          urgencies: ['replacement', 'none'],
        },
      ],
      ['blackmail'],
    );
    expect(ids).toEqual([
      'blackmail_explicit-america_none',
      'blackmail_explicit-america_replacement',
      'blackmail_none-none_none',
      'blackmail_none-none_replacement',
    ]);
  });

  it('adds extra axes as suffixes and expands globs', () => {
    const ids = expandConditions(
      [
        { goalTypes: ['none'], urgencies: ['none'], notice: ['none', 'eval'] },
        'blackmail_explicit-*_restriction',
      ],
      ['blackmail'],
    );
    expect(ids).toContain('blackmail_none-none_none+notice=eval');
    expect(ids).toContain('blackmail_explicit-safety_restriction');
    expect(ids).toHaveLength(2 + 8);
  });

  it('rejects unknown scenarios and empty globs', () => {
    expect(() => expandConditions([{ scenarios: ['espionage'] }], ['blackmail'])).toThrow(
      /unknown scenario 'espionage'.*valid: blackmail/,
    );
    expect(() => expandConditions(['leaking_*'], ['blackmail'])).toThrow(/matches no condition/);
  });
});

describe('model options', () => {
  it('merges default settings under a model’s own and passes key env and base URL', () => {
    const config = parseConfig(
      `conditions: [x]
settings: { temperature: 1, maxTokens: 2000 }
models:
  - id: openai-compatible:qwen3
    baseURL: http://127.0.0.1:8000/v1
    apiKeyEnv: LOCAL_KEY
    settings: { temperature: 0.2 }
    concurrency: 2
    stream: true
  - openai:gpt-4.1
`,
      'c.yaml',
      '/',
    );
    expect(providerOptionsFor(config, config.models[0]!)).toEqual({
      settings: { temperature: 0.2, maxTokens: 2000 },
      apiKeyEnv: 'LOCAL_KEY',
      baseURL: 'http://127.0.0.1:8000/v1',
      stream: true,
    });
    expect(providerOptionsFor(config, config.models[1]!)).toEqual({
      settings: { temperature: 1, maxTokens: 2000 },
    });
    expect(modelConcurrency(config)).toEqual({ 'openai-compatible:qwen3': 2 });
  });
});

describe('loadConfig', () => {
  it('accepts the starter config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turncoat-config-'));
    writeFileSync(join(dir, 'turncoat.config.yaml'), STARTER_CONFIG);
    const { config } = loadConfig(join(dir, 'turncoat.config.yaml'));
    expect(config.models.map((m) => m.id)).toEqual(['reference:aligned', 'reference:misaligned']);
    expect(expandConditions(config.conditions, ['blackmail'])).toHaveLength(4);
    expect(config.out).toBe(join(dir, 'turncoat-out'));
  });

  it('says how to create a missing config', () => {
    expect(() => loadConfig('/nonexistent/turncoat.config.yaml')).toThrow(/turncoat init/);
  });
});

describe('call caps and quirk notes', () => {
  const base = 'conditions: [blackmail_none-none_none]\n';

  it('takes per-provider caps and rejects an unknown provider, naming the field', () => {
    const config = parseConfig(
      `${base}models: [openai:gpt-4.1]\nproviderConcurrency: { openai: 16 }\n`,
      'c.yaml',
      '/exp',
    );
    expect(config.providerConcurrency).toEqual({ openai: 16 });
    expect(() =>
      parseConfig(
        `${base}models: [openai:gpt-4.1]\nproviderConcurrency: { mistral: 2 }\n`,
        'c.yaml',
        '/exp',
      ),
    ).toThrow(/providerConcurrency/);
  });

  it("lists what the quirks table changes in each model's settings", () => {
    const config = parseConfig(
      `${base}settings: { temperature: 1 }\nmodels:\n  - openai:o3\n  - openai:gpt-4.1\n  - reference:aligned\n`,
      'c.yaml',
      '/exp',
    );
    const notes = settingsNotes(config);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^openai:o3: temperature 1 dropped/);
  });
});
