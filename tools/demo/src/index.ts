// Public face of @pcknop/demo: the end-to-end demo (`npm run demo`) and the reconciliation CLI (`npm run reconcile`).
export { runDemo, demoCatalogue, type DemoOptions, type DemoResult } from './lib/run-demo';
export { demoCli } from './lib/demo-cli';
export { readDevState, loadSecretsKey, type DevState } from './lib/dev-credentials';
export { DemoError, DemoErrorCode, describeDemoErrorCode } from './lib/demo.exception';
