#!/usr/bin/env node
// `pcknop` runs from the TypeScript sources without a build step: tsx (a dependency of the repository) compiles
// them on the fly, as `npm start` does for the gateway.
require('tsx/cjs');
require('../src/main.ts');
