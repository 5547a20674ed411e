#!/usr/bin/env node
// Committed entry point, so that npm links the `genai-qa` command at install time, before
// the TypeScript is compiled; the compiled CLI lives in dist/.
import '../dist/bin.js';
