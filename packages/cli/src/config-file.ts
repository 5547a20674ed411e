import { ConfigError, validateConfig, type Config } from '@genai-qa/core';
import { configLocation, readConfigText } from './config-text.js';
import { describeFsError } from './paths.js';

export { CONFIG_FILE } from './config-text.js';

/**
 * Loads the config: the file given with --config, else genai-qa.config.json in the working
 * directory when there is one, else the rules' defaults.
 */
export function loadConfig(explicit: string | undefined, cwd: string): Config {
  return loadConfigWithText(explicit, cwd).config;
}

/** loadConfig, with the text it was read from (undefined: no config file). */
export function loadConfigWithText(explicit: string | undefined, cwd: string): { config: Config; text: string | undefined } {
  const { shown } = configLocation(explicit, cwd);
  let text: string | undefined;
  try {
    text = readConfigText(explicit, cwd);
  } catch (error) {
    throw new ConfigError(shown, describeFsError(error));
  }
  if (text === undefined) return { config: {}, text };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ConfigError(shown, `not valid JSON (${(error as Error).message})`);
  }
  return { config: validateConfig(data, shown), text };
}
