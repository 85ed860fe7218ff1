import { Command, CommanderError } from 'commander';
import { CliError, CliErrorCode, EXIT } from './cli.exception';
import { registerBatchCommands } from './commands/batch-commands';
import type { CommandContext } from './commands/command-context';
import { registerProblemCommands } from './commands/problem-commands';
import { registerProgressCommand } from './commands/progress-command';
import { registerReconcileCommand } from './commands/reconcile-command';
import { registerTenantCommands } from './commands/tenant-commands';
import { connect } from './connection';
import type { CliIo } from './output';
import type { AdminClient } from './admin-client';

const EXIT_HELP = `
Exit codes: 0 ok, 1 differences or problems found, 2 usage error, 3 not allowed (token), 4 not found,
5 admin API unreachable.
Connection: --url/--token, else ADMIN_URL/ADMIN_TOKEN, else the development gateway of \`npm start\`.`;

/** Builds the `pcknop` program; every command and sub-command has --help. */
export function buildProgram(
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): { program: Command; ctx: CommandContext } {
  const program = new Command('pcknop');
  let client: AdminClient | undefined;
  const ctx: CommandContext = {
    io,
    exitCode: EXIT.ok,
    client: () => (client ??= connect(program.opts<{ url?: string; token?: string; timeout?: string }>(), env)),
    json: () => Boolean(program.opts<{ json?: boolean }>().json),
    print(data, human) {
      io.out(ctx.json() ? JSON.stringify(data, null, 2) : human());
    },
  };
  program
    .description(
      'Operate the PCKasse ↔ nopCommerce gateway through its admin API: tenants, problems, batches, progress, reconciliation.',
    )
    .option('--url <url>', 'admin API, e.g. https://gw.example.no/admin (ADMIN_URL)')
    .option('--token <token>', 'ADMIN_TOKEN or an operator token (ADMIN_TOKEN)')
    .option('--json', 'machine-readable output on stdout')
    .option('--timeout <seconds>', 'per-request timeout', '60')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerTenantCommands(program, ctx);
  registerProblemCommands(program, ctx);
  registerBatchCommands(program, ctx);
  registerProgressCommand(program, ctx);
  registerReconcileCommand(program, ctx);
  // Sub-commands inherit the error handling, so usage errors surface as exit code 2 everywhere.
  const inherit = (c: Command) => {
    for (const sub of c.commands) {
      sub
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
        .showHelpAfterError();
      inherit(sub);
    }
  };
  inherit(program);
  return { program, ctx };
}

/** Runs the CLI; resolves to the process exit code (never throws for expected failures). */
export async function run(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { program, ctx } = buildProgram(io, env);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end in a CommanderError with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.err(`pcknop: ${error.message}`);
      return error.exitCode;
    }
    io.err(`pcknop: ${(error as Error).message}`);
    return new CliError(CliErrorCode.Unreachable).exitCode;
  }
}
