/**
 * Replaces this process with a fresh run of itself (same PID, same arguments) under an extended environment, with
 * libc's execve through bun:ffi. Used once at start-up for settings Bun reads only when a process starts. Returns
 * false where that cannot be done (Windows, no libc found, execve refused); on success it does not return.
 */
export async function execSelf(extraEnv: Record<string, string>): Promise<boolean> {
  if (process.platform === "win32") return false;
  const { dlopen, FFIType, ptr } = await import("bun:ffi");
  const libraries = process.platform === "darwin" ? ["libSystem.B.dylib"] : ["libc.so.6", "libc.so"];
  for (const library of libraries) {
    let libc: { symbols: { execve: (...args: unknown[]) => number }; close(): void };
    try {
      libc = dlopen(library, { execve: { args: [FFIType.cstring, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 } }) as typeof libc;
    } catch {
      continue;
    }
    const argv = selfArgv();
    const env = Object.entries({ ...process.env, ...extraEnv }).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${value}`]));
    // The strings and pointer arrays must stay referenced until execve reads them.
    const keep: Uint8Array[] = [];
    const pointers = (strings: string[]) => {
      const array = new BigUint64Array(strings.length + 1);
      strings.forEach((value, index) => {
        const bytes = new TextEncoder().encode(`${value}\0`);
        keep.push(bytes);
        array[index] = BigInt(ptr(bytes));
      });
      return array;
    };
    const argvPointers = pointers(argv);
    const envPointers = pointers(env);
    const path = new TextEncoder().encode(`${process.execPath}\0`);
    libc.symbols.execve(ptr(path), ptr(argvPointers), ptr(envPointers));
    // Only reached when execve failed.
    libc.close();
    return false;
  }
  return false;
}

/**
 * The command line that started this process. A compiled binary reports its script as `/$bunfs/…`, which is not a
 * file: the binary is run with the arguments alone. Under `bun run`, Bun's own flags (`--watch`) come back too.
 */
function selfArgv(): string[] {
  const [, script = "", ...args] = process.argv;
  const compiled = script.startsWith("/$bunfs/") || /^[A-Z]:[\\/]~BUN[\\/]/.test(script);
  return compiled ? [process.execPath, ...args] : [process.execPath, ...process.execArgv, script, ...args];
}
