import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';

let instance: typeof HandlebarsModule | undefined;
/**
 * The Handlebars instance every pack template renders with: `strict` so an unknown
 * variable throws, `noEscape` because the output is plain text, not HTML.
 * Helpers format the pack's ISO dates: `{{longDate dates.today}}` -> "Thursday, 11 June 2026",
 * `{{shortDate dates.today}}` -> "11 June", `{{weekday dates.today}}` -> "Thursday";
 * `{{initial cast.cto.first}}` -> "M." (for sign-offs, so variants change them too).
 */
// Handlebars (CommonJS) loads on the first template compiled or parsed, not with this module:
// a run whose scenarios come from the scenario cache compiles none.
function hb(): typeof HandlebarsModule {
  if (instance) return instance;
  instance = handlebars().create();
  instance.registerHelper('longDate', (v: unknown) =>
    dateFormats().long.format(asDate(v, 'longDate')),
  );
  instance.registerHelper('shortDate', (v: unknown) =>
    dateFormats().short.format(asDate(v, 'shortDate')),
  );
  instance.registerHelper('weekday', (v: unknown) =>
    dateFormats().weekday.format(asDate(v, 'weekday')),
  );
  instance.registerHelper('initial', (v: unknown) => `${String(v).charAt(0)}.`);
  return instance;
}

/** The Handlebars module itself, loaded once on first use. */
export const handlebars = (() => {
  let loaded: typeof HandlebarsModule | undefined;
  return (): typeof HandlebarsModule =>
    (loaded ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule);
})();

// Made on first use: the first Intl formatter of a process loads ICU data (~25 ms), and a run
// whose scenarios come from the scenario cache formats no date.
let formats: Record<'weekday' | 'short' | 'long', Intl.DateTimeFormat> | undefined;
const dateFormats = () =>
  (formats ??= {
    weekday: new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }),
    short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }),
    long: new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  });

function asDate(value: unknown, helper: string): Date {
  const date = new Date(`${String(value)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()))
    throw new Error(`${helper}: '${String(value)}' is not an ISO date`);
  return date;
}

const compiled = new Map<string, HandlebarsModule.TemplateDelegate>();

/** Renders one template string against `context`; throws on an unknown variable. */
export function renderTemplate(template: string, context: object): string {
  // Without `{{` a template is all literal text and Handlebars would return it unchanged.
  if (!template.includes('{{')) return template;
  let fn = compiled.get(template);
  if (!fn) {
    fn = hb().compile(template, { strict: true, noEscape: true });
    compiled.set(template, fn);
  }
  return fn(context);
}

/** Throws a Handlebars parse error for a malformed template (unclosed `{{`, bad block). */
export function checkTemplateSyntax(template: string): void {
  hb().parse(template);
}

/** Renders every string inside a JSON-like value (script arguments). */
export function renderDeep(value: unknown, context: object): unknown {
  if (typeof value === 'string') return renderTemplate(value, context);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, context)]));
  }
  return value;
}
