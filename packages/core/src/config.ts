import { Ajv } from 'ajv';
import { formatAjvErrors } from './validate.js';
import { rules } from './rules/index.js';
import type { Severity } from './rule.js';

export type SeveritySetting = Severity | 'off';

/** A rule's entry in the config file: a severity, or severity and options. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

export interface Config {
  $schema?: string;
  rules?: Record<string, RuleSetting>;
}

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
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://genai-qa.dev/schemas/config.schema.json',
    title: 'genai-qa configuration',
    description: 'Per-rule severity and options for `genai-qa lint` (genai-qa.config.json).',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'object', additionalProperties: false, properties },
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
  return data as Config;
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
