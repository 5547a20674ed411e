import { Ajv } from 'ajv';
import { formatAjvErrors } from './validate.js';
import { rules } from './rules/index.js';
import type { Severity } from './rule.js';
import { DEFAULT_LIMITS, type Limits } from './safety.js';
import { NUMBERINGS, type LayoutSetting } from './layout.js';

export type SeveritySetting = Severity | 'off';

/** A rule's entry in the config file: a severity, or severity and options. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

export interface Config {
  $schema?: string;
  rules?: Record<string, RuleSetting>;
  linkCheck?: LinkCheckConfig;
  limits?: Partial<Limits>;
  /** The content directory lint (without PATH) and build (without --content) read. */
  content?: string;
  /** How the content writes its questions; what is left out is detected per file. */
  questions?: LayoutSetting;
}

/** The limits in force: the defaults overlaid with the config's. */
export function resolveLimits(config: Config = {}): Limits {
  return { ...DEFAULT_LIMITS, ...config.limits };
}

/** Settings of `genai-qa lint --check-external` (the rules dead-link and permanent-redirect). */
export interface LinkCheckConfig {
  /** Regular expressions; when given, only URLs matching one of them are checked. */
  include?: string[];
  /** Regular expressions; URLs matching one of them are not checked. */
  exclude?: string[];
  /** Final statuses (after redirects) that count as alive: codes, or ranges like "200-299". */
  acceptedStatusCodes?: Array<number | string>;
  /** Milliseconds to wait for the response headers of one request. */
  timeout?: number;
  /** Retries after a timeout, a dropped connection, 429 or a 5xx status. */
  retries?: number;
  /** Requests in flight at once, in all and per host. */
  concurrency?: number;
  perHostConcurrency?: number;
  /** Where results are kept and how long they stay valid (`false`: no cache). */
  cache?: false | { path?: string; maxAge?: number | string };
}

export const LINK_CHECK_DEFAULTS = {
  include: [] as string[],
  exclude: [] as string[],
  acceptedStatusCodes: ['200-299'] as Array<number | string>,
  timeout: 10_000,
  retries: 3,
  concurrency: 8,
  perHostConcurrency: 2,
  cache: { path: '.genai-qa-cache/links.json', maxAge: '1d' as number | string },
};

/** A duration: milliseconds, or a number with a unit (ms, s, m, h, d, w). */
export const DURATION_PATTERN = '^[0-9]+(ms|s|m|h|d|w)$';

/** What the engine runs with: every rule's effective severity and options. */
export interface ResolvedRule {
  severity: SeveritySetting;
  /** True when the config chose the severity (then reports cannot escalate it). */
  severityFromConfig: boolean;
  options: Record<string, unknown>;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

const SEVERITY = { type: 'string', enum: ['error', 'warning', 'off'] };

/** The config file's JSON Schema, built from the rules' own option schemas. */
export function configSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of rules) {
    properties[rule.meta.id] = {
      description: `${rule.meta.description} (default: ${rule.meta.severity})`,
      oneOf: [
        SEVERITY,
        {
          type: 'object',
          additionalProperties: false,
          properties: { severity: SEVERITY, options: rule.meta.optionsSchema },
        },
      ],
    };
  }
  const patterns = (what: string) => ({
    type: 'array',
    description: `Regular expressions (JavaScript syntax, not anchored) matched against each URL without its fragment; ${what}.`,
    items: { type: 'string' },
    default: [],
  });
  const d = LINK_CHECK_DEFAULTS;
  const linkCheck = {
    type: 'object',
    description: 'Settings of `genai-qa lint --check-external`, which checks every http(s) link once (rules dead-link and permanent-redirect).',
    additionalProperties: false,
    properties: {
      include: patterns('when given, only URLs matching one of them are checked'),
      exclude: patterns('URLs matching one of them are not checked'),
      acceptedStatusCodes: {
        type: 'array',
        description: 'Final statuses (after redirects) that count as alive: status codes, or ranges like "200-299".',
        items: {
          oneOf: [
            { type: 'integer', minimum: 100, maximum: 599 },
            { type: 'string', pattern: '^[1-5][0-9]{2}-[1-5][0-9]{2}$' },
          ],
        },
        default: d.acceptedStatusCodes,
      },
      timeout: { type: 'integer', minimum: 1, description: 'Milliseconds to wait for the response to one request.', default: d.timeout },
      retries: {
        type: 'integer',
        minimum: 0,
        maximum: 10,
        description: 'Retries, with backoff, after a timeout, a dropped connection, 429 or a 5xx status (Retry-After is honoured).',
        default: d.retries,
      },
      concurrency: { type: 'integer', minimum: 1, description: 'Requests in flight at once.', default: d.concurrency },
      perHostConcurrency: { type: 'integer', minimum: 1, description: 'Requests in flight at once to one host.', default: d.perHostConcurrency },
      cache: {
        description: 'The result cache (false: none). Alive links and definite failures (4xx) are kept for maxAge; timeouts, network errors, 429 and 5xx are not kept.',
        oneOf: [
          { type: 'boolean', enum: [false] },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              path: { type: 'string', minLength: 1, description: 'Cache file, relative to the working directory.', default: d.cache.path },
              maxAge: {
                description: 'How long a result stays valid: milliseconds, or a number with a unit (ms, s, m, h, d, w), e.g. "12h".',
                oneOf: [
                  { type: 'integer', minimum: 0 },
                  { type: 'string', pattern: DURATION_PATTERN },
                ],
                default: d.cache.maxAge,
              },
            },
          },
        ],
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://genai-qa.dev/schemas/config.schema.json',
    title: 'genai-qa configuration',
    description: 'Per-rule severity and options for `genai-qa lint` (genai-qa.config.json).',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      content: {
        type: 'string',
        minLength: 1,
        description: 'The content directory (relative to the working directory) that `genai-qa lint` without PATH and `genai-qa build` without --content read (default "content").',
      },
      rules: { type: 'object', additionalProperties: false, properties },
      linkCheck,
      questions: {
        type: 'object',
        description:
          'How the content writes its questions. Without it (or for the keys left out) the layout is detected in each file; `genai-qa lint --verbose` prints what was found.',
        additionalProperties: false,
        properties: {
          style: {
            type: 'string',
            enum: ['heading', 'bold', 'details', 'list'],
            description:
              'heading: a question is a heading (see depth); bold: a paragraph that is only a bold question, `**What is …?**`; details: `<details><summary>Question</summary>`, the answer before `</details>`; list: an item of a top-level list (`1. **What is …?**`, or plain text in an ordered list), the answer indented below it.',
          },
          depth: { type: 'integer', minimum: 1, maximum: 6, description: 'Heading level of the questions (style heading only).' },
          numbering: {
            type: 'string',
            enum: [...NUMBERINGS],
            description:
              'How questions are numbered, N standing for the number ("N." for `# 1. What …`, "N)" for `#### 1) What …`, "QN:" for `## Q1: What …`), or "none" (then a question is a block that reads as one: it ends with "?" or starts with a question word such as What, Why, How, Explain).',
          },
          every: {
            type: 'boolean',
            description: 'Unnumbered layouts: every block of the style is a question (every heading at depth, every bold paragraph), whether or not it reads as one (default false).',
          },
        },
      },
      limits: {
        type: 'object',
        description: 'Bounds on input files; a file beyond them is reported (input-safety) and not parsed.',
        additionalProperties: false,
        properties: {
          maxFileBytes: { type: 'integer', minimum: 1, description: `Largest Markdown file read, in bytes (default ${DEFAULT_LIMITS.maxFileBytes}).` },
          maxNestingDepth: {
            type: 'integer',
            minimum: 1,
            description: `Deepest nesting of block quotes and lists (default ${DEFAULT_LIMITS.maxNestingDepth}).`,
          },
          maxBlockBytes: {
            type: 'integer',
            minimum: 1,
            description: `Largest paragraph or table, in bytes; a file with a larger one is not parsed (default ${DEFAULT_LIMITS.maxBlockBytes}).`,
          },
          maxBlockDelimiters: {
            type: 'integer',
            minimum: 1,
            description: `Most runs of *, _ or ~ in one paragraph or table; a file with more is not parsed (default ${DEFAULT_LIMITS.maxBlockDelimiters}).`,
          },
        },
      },
    },
  };
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates a parsed config file; throws ConfigError naming the file and the problem. */
export function validateConfig(data: unknown, file: string): Config {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(configSchema());
  if (!validator(data)) {
    const error = validator.errors?.[0];
    const ruleId = /^\/rules\/([^/]+)/.exec(error?.instancePath ?? '')?.[1];
    if (error?.keyword === 'additionalProperties' && error.instancePath === '/rules') {
      const unknown = (error.params as { additionalProperty?: string }).additionalProperty;
      throw new ConfigError(file, `unknown rule "${unknown}" in "rules"`);
    }
    const hint = ruleId ? ` (rule "${decodeURIComponent(ruleId.replace(/~1/g, '/').replace(/~0/g, '~'))}": write "error", "warning", "off" or { "severity": …, "options": { … } })` : '';
    throw new ConfigError(file, `invalid configuration: ${formatAjvErrors(validator.errors)}${hint}`);
  }
  checkLinkCheck((data as Config).linkCheck, file);
  const questions = (data as Config).questions;
  if (questions?.depth !== undefined && questions.style !== undefined && questions.style !== 'heading') {
    throw new ConfigError(file, `questions.depth is the level of question headings; it does not apply to style "${questions.style}" (remove it, or write "style": "heading")`);
  }
  return data as Config;
}

/** What the schema cannot say: the patterns compile and the ranges run upwards. */
function checkLinkCheck(linkCheck: LinkCheckConfig | undefined, file: string): void {
  for (const key of ['include', 'exclude'] as const) {
    for (const pattern of linkCheck?.[key] ?? []) {
      try {
        new RegExp(pattern);
      } catch (error) {
        throw new ConfigError(file, `linkCheck.${key}: "${pattern}" is not a valid regular expression (${(error as Error).message})`);
      }
    }
  }
  for (const code of linkCheck?.acceptedStatusCodes ?? []) {
    if (typeof code !== 'string') continue;
    const [from, to] = code.split('-').map(Number);
    if (from! > to!) throw new ConfigError(file, `linkCheck.acceptedStatusCodes: range "${code}" runs backwards; write it as "${to}-${from}"`);
  }
}

/** Every rule's effective setting: the rule's defaults overlaid with the config. */
export function resolveConfig(config: Config = {}): Map<string, ResolvedRule> {
  const out = new Map<string, ResolvedRule>();
  for (const rule of rules) {
    const setting = config.rules?.[rule.meta.id];
    const severity = typeof setting === 'string' ? setting : setting?.severity;
    const options = typeof setting === 'object' ? setting.options : undefined;
    out.set(rule.meta.id, {
      severity: severity ?? rule.meta.severity,
      severityFromConfig: severity !== undefined,
      options: { ...(rule.meta.defaultOptions as Record<string, unknown>), ...options },
    });
  }
  return out;
}
