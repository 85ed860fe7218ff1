// ESLint 10 reads only flat config. The rules live in .eslintrc.json (the owner's choice); this file
// bridges them: Nx's flat base configs, then .eslintrc.json translated by FlatCompat.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';

const here = dirname(fileURLToPath(import.meta.url));
const compat = new FlatCompat({ baseDirectory: here, recommendedConfig: js.configs.recommended });
const legacy = JSON.parse(readFileSync(`${here}/.eslintrc.json`, 'utf8'));
const { ignorePatterns = [], root: _root, plugins: _plugins, ...rest } = legacy;

export default [
  { ignores: ignorePatterns },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...compat.config(rest),
];
