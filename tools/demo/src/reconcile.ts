import { reconcileCli } from './lib/reconcile-cli';

reconcileCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
