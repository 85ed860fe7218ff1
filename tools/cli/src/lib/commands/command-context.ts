import type { AdminClient } from '../admin-client';
import type { CliIo } from '../output';

/** What every command gets: the admin client (made on first use from the global options) and output. */
export interface CommandContext {
  client(): AdminClient;
  io: CliIo;
  json(): boolean;
  /** Prints `data` as JSON with --json, else the human text. */
  print(data: unknown, human: () => string): void;
  /** The exit code the command asks for (1 when it found differences or problems). */
  exitCode: number;
}
