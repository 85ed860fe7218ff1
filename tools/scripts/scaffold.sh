#!/usr/bin/env bash
# Usage: scaffold.sh <dir> <name> <tags-json-array> [app]
set -euo pipefail
dir=$1; name=$2; tags=$3; kind=${4:-lib}
mkdir -p "$dir/src/lib"
rel=$(realpath --relative-to="$dir" .)
cat > "$dir/project.json" <<J
{
  "name": "$name",
  "\$schema": "$rel/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$([ "$kind" = app ] && echo application || echo library)",
  "tags": $tags,
  "targets": {
    "typecheck": {}
  }
}
J
cat > "$dir/tsconfig.json" <<J
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": {
    "types": ["node", "jest"]
  },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
J
cat > "$dir/jest.config.js" <<J
module.exports = {
  displayName: '$name',
  preset: '$rel/jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
J
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
[ -f "$dir/package.json" ] || cat > "$dir/package.json" <<J
{
  "name": "@pcknop/$name",
  "version": "0.1.0",
  "private": true
}
J
