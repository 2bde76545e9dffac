#!/usr/bin/env node
// The taskql CLI (src/cli/main.ts), run through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
