const nxPreset = require('@nx/jest/preset').default;

// @swc/jest transpiles (fast, keeps decorator metadata for class-validator); type errors are
// caught by each project's `typecheck` target, which the test command runs first.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: require.resolve('./tools/scripts/jest-global-setup.js'),
  globalTeardown: require.resolve('./tools/scripts/jest-global-teardown.js'),
};
