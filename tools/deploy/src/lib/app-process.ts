import { spawn, type ChildProcess } from 'node:child_process';

/** A running child process (an app from its deployed folder, npm, …) with the tail of its output kept. */
export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** Last output lines, shown when something fails. */
  tail: string[];
  /** Resolves with the first output line that `match` accepts (rejects when the process exits first). */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<number | string | null>;
}

const TAIL_LINES = 60;

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): AppProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const watchers = new Set<(line: string) => void>();
  let pending = '';
  const take = (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      tail.push(line.slice(0, 800));
      for (const watch of watchers) watch(line);
    }
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | string | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal)),
  );

  return {
    name,
    child,
    tail,
    waitForLine(match, timeoutMs) {
      const seen = tail.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`${name}: no expected output within ${timeoutMs} ms:\n${tail.join('\n')}`)),
          timeoutMs,
        );
        const watch = (line: string) => {
          if (match(line)) finish(undefined, line);
        };
        const onExit = (code: number | string | null) =>
          finish(new Error(`${name} exited (${code}):\n${tail.join('\n')}`));
        function finish(error?: Error, line?: string) {
          clearTimeout(timer);
          watchers.delete(watch);
          if (error) reject(error);
          else resolveLine(line as string);
        }
        watchers.add(watch);
        void exited.then(onExit);
      });
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(hard);
      }
    },
  };
}

/** Runs a command to its end; rejects with its output's tail when it exits non-zero. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string[]> {
  const p = startProcess(name, command, args, options);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | string | null>((done) => p.child.once('exit', (c, s) => done(c ?? s)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} failed (${code}):\n${p.tail.join('\n')}`);
  return p.tail;
}
