/** A usage mistake on the command line: one line on stderr, exit code 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}
