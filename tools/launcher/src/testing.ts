// Test harness: the apps as child processes, as `npm start` runs them (for end-to-end tests of any project).
export { startApp, waitReady, workspaceRoot, type AppProcess } from './lib/testing/app-process';
export { startStack, type Stack, type StackOptions } from './lib/testing/test-stack';
