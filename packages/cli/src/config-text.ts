import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from './paths.js';

// Where the configuration comes from, and its text. No @genai-qa/core here: the warm path of
// `lint --cache` (lint-warm.ts) keys the cache by this text before the engine is loaded.

export const CONFIG_FILE = 'genai-qa.config.json';

/** The file given with --config, else genai-qa.config.json in the working directory. */
export function configLocation(explicit: string | undefined, cwd: string): { file: string; shown: string } {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE);
  return { file, shown: explicit ?? displayPath(file, cwd) };
}

/**
 * The config's `content` directory, read without the engine (the warm path of `lint --cache`
 * needs it too). Undefined when there is no config, it sets none, or it is not valid JSON
 * (loading the config then reports that).
 */
export function configuredContent(explicit: string | undefined, cwd: string): string | undefined {
  try {
    const data = JSON.parse((readConfigText(explicit, cwd) ?? '{}').replace(/^\ufeff/, '')) as { content?: unknown };
    return typeof data?.content === 'string' && data.content !== '' ? data.content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text of the config file, or undefined when there is none (no --config and no
 * genai-qa.config.json). Any other failure to read it is thrown as it comes.
 */
export function readConfigText(explicit: string | undefined, cwd: string): string | undefined {
  try {
    return fs.readFileSync(configLocation(explicit, cwd).file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
