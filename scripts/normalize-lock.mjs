#!/usr/bin/env node
// Take the per-package "libc" fields out of package-lock.json. npm 11 writes them and npm 10
// (the one Node 22 ships) drops them, so a lock holding them is rewritten by every npm 10
// install; without them both leave it alone (npm 11 then also installs the musl builds of
// three optional native packages beside the glibc ones, which is harmless). Run it after an
// `npm install <pkg>` with npm 11; test/integration/package-lock.test.ts checks the result.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let removed = 0;
for (const entry of Object.values(lock.packages ?? {})) {
  if ('libc' in entry) {
    delete entry.libc;
    removed++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${removed} 个 libc 字段已移除 / libc fields removed`);
