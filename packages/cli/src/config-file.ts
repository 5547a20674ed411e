import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, validateConfig, type Config } from '@genai-qa/core';
import { describeFsError, displayPath } from './files.js';

export const CONFIG_FILE = 'genai-qa.config.json';

/**
 * Loads the config: the file given with --config, else genai-qa.config.json in the working
 * directory when there is one, else the rules' defaults.
 */
export function loadConfig(explicit: string | undefined, cwd: string): Config {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE);
  const shown = explicit ?? displayPath(file, cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(shown, describeFsError(error));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ConfigError(shown, `not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(data, shown);
}
