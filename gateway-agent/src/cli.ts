#!/usr/bin/env node
import { newCliProgram } from './cli-program';

newCliProgram()
  .parseAsync()
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
