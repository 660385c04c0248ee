/**
 * Reads a results folder in the original study harness's layout:
 *   prompts/<condition>/{system_prompt.txt, user_prompt.txt, email_content.txt}
 *   models/<model>/<condition>/sample_NNN/response.json
 * where response.json holds `raw_response`, `metadata` and, once classified,
 * `classification` (`harmful_behavior`, `classifier_verdict`, `classifier_reasoning`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { ImportedPrompts } from './imported-scenario.js';
import type { ImportedSample } from './imported-sample.js';

const responseSchema = z.object({
  raw_response: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  error: z.unknown().optional(),
  classification: z
    .object({
      harmful_behavior: z.boolean().nullable().optional(),
      classifier_verdict: z.boolean().nullable().optional(),
      classifier_reasoning: z.string().nullable().optional(),
    })
    .passthrough()
    .optional(),
});

const dirs = (path: string) =>
  readdirSync(path)
    .filter((name) => statSync(join(path, name)).isDirectory())
    .sort();

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function readPrompts(root: string, condition: string): ImportedPrompts {
  const dir = join(root, 'prompts', condition);
  if (!existsSync(dir)) {
    throw new InputError(
      `${dir}: missing; the rendered prompts of condition '${condition}' are needed to rebuild its world`,
    );
  }
  const user = readText(join(dir, 'user_prompt.txt'));
  if (!user) throw new InputError(`${join(dir, 'user_prompt.txt')}: missing or empty`);
  return {
    condition,
    system: readText(join(dir, 'system_prompt.txt')),
    user,
    emails: readText(join(dir, 'email_content.txt')),
    source: dir,
  };
}

/** Every sample under `root`, model by model, condition by condition, sample by sample. */
export function readAnthropicResults(root: string): ImportedSample[] {
  const models = join(root, 'models');
  if (!existsSync(models)) {
    throw new InputError(
      `${root}: no models/ folder; expected models/<model>/<condition>/sample_NNN/response.json (--format anthropic)`,
    );
  }
  const prompts = new Map<string, ImportedPrompts>();
  const samples: ImportedSample[] = [];
  for (const model of dirs(models)) {
    for (const condition of dirs(join(models, model))) {
      for (const sampleDir of dirs(join(models, model, condition))) {
        const number = /^sample_(\d+)$/.exec(sampleDir);
        if (!number) continue;
        const file = join(models, model, condition, sampleDir, 'response.json');
        if (!existsSync(file)) continue;
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new InputError(`${file}: not valid JSON: ${(error as Error).message}`);
        }
        const parsed = responseSchema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new InputError(
            `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
          );
        }
        const r = parsed.data;
        if (!prompts.has(condition)) prompts.set(condition, readPrompts(root, condition));
        const failed = r.error !== undefined && r.error !== null && r.error !== false;
        const c = r.classification;
        samples.push({
          model,
          prompts: prompts.get(condition)!,
          // The original numbers samples from 1.
          sample: Math.max(0, Number(number[1]) - 1),
          ...(r.raw_response !== undefined && !failed && { reply: r.raw_response }),
          ...(failed && {
            error: {
              category: 'internal' as const,
              message: `the original harness recorded an error: ${JSON.stringify(r.error).slice(0, 300)}`,
            },
          }),
          startedAt:
            typeof r.metadata?.['timestamp'] === 'string'
              ? (r.metadata['timestamp'] as string)
              : statSync(file).mtime.toISOString(),
          ...(c && {
            original: {
              harmful: c.harmful_behavior ?? null,
              ...(c.classifier_verdict !== undefined && {
                classifierVerdict: c.classifier_verdict,
              }),
              ...(c.classifier_reasoning && { reasoning: c.classifier_reasoning }),
            },
          }),
          source: file,
        });
      }
    }
  }
  if (samples.length === 0)
    throw new InputError(`${root}: no sample_NNN/response.json files under models/`);
  return samples;
}
