import { resolve } from 'node:path';
import { startProcess, type AppProcess } from '@pcknop/deploy';

export type { AppProcess };

/** The workspace root: entries are named from it and the apps run in it, as `npm start` runs them. */
export const workspaceRoot = resolve(__dirname, '../../../../..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a TypeScript entry (a path from the workspace root, or absolute) through tsx in a process of its own, as
 * `npm start` runs the apps. `nodeArgs` go before the entry (e.g. a heap cap).
 */
export function startApp(name: string, entry: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): AppProcess {
  return startProcess(name, process.execPath, [...nodeArgs, '--import', 'tsx', resolve(workspaceRoot, entry)], {
    cwd: workspaceRoot,
    env,
  });
}

/** Polls `url` until it answers 2xx; fails with the process's last lines when it exits or `ms` pass first. */
export async function waitReady(url: string, p: AppProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.tail.join('\n')}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error(`${p.name} not ready at ${url}:\n${p.tail.join('\n')}`);
}
