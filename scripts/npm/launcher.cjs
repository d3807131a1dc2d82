#!/usr/bin/env node
// The `copilot-relay` command of the npm package: runs the native binary that npm installed from the optional
// dependency matching this platform (@copilot-relay/<os>-<arch>), passing arguments, stdio and exit code through.
// Template: scripts/npm-packages.ts fills in __SCOPE__ and __REPOSITORY__.
"use strict";
const { spawn } = require("node:child_process");
const { accessSync, chmodSync, constants } = require("node:fs");
const { constants: osConstants } = require("node:os");

const os = process.platform === "win32" ? "windows" : process.platform;
const target = `${os}-${process.arch}`;
const packageName = `__SCOPE__/${target}`;
const executable = os === "windows" ? "copilot-relay.exe" : "copilot-relay";

function fail(message) {
  process.stderr.write(`copilot-relay: ${message}\n`);
  process.exit(1);
}

let binary;
try {
  binary = require.resolve(`${packageName}/bin/${executable}`);
} catch {
  fail(
    `no binary for ${target}: the optional dependency ${packageName} is not installed. ` +
      "Reinstall without --omit=optional (or --no-optional); binaries exist for linux-x64, linux-arm64 (glibc), " +
      "darwin-x64, darwin-arm64 and windows-x64. Otherwise use the Docker image or a binary from " +
      "https://github.com/__REPOSITORY__/releases",
  );
}

if (os !== "windows") {
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // Some tar extractors drop the executable bit; restore it where the installer let us own the file.
    try {
      chmodSync(binary, 0o755);
    } catch {}
  }
}

// Supervisors signal this process, not the binary: pass SIGTERM and SIGHUP on. The handlers are installed before the
// spawn, as a signal that found none would kill this process and orphan the binary. SIGINT from a terminal already
// reaches the binary (same process group), and a second one would cut its graceful shutdown short: only absorbed.
let child;
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child?.kill(signal));
process.on("SIGINT", () => {});
child = spawn(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
child.on("error", (error) => fail(`cannot run ${binary}: ${error.message}`));
child.on("exit", (code, signal) => {
  process.exit(signal ? 128 + (osConstants.signals[signal] ?? 0) : (code ?? 1));
});
