import { run } from './lib/run-cli';
import { processIo } from './lib/output';

run(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 70;
  },
);
