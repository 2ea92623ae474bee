#!/usr/bin/env node
// Launcher for `tstrader` (package.json "bin"): registers tsx's loader, then runs the
// TypeScript entry. Strategy workers need no loader: their runtime is bundled by esbuild.
import { register } from 'tsx/esm/api';

register();
await import('./tstrader.ts');
