export { startProcess, runToEnd, type AppProcess } from './lib/app-process';
