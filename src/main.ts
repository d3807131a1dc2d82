#!/usr/bin/env bun
import { runCli } from "./cli/index.ts";

const code = await runCli(process.argv.slice(2));
// `start` keeps serving; every other command ends here.
if (code !== 0 || !["start"].includes(process.argv[2] ?? "")) process.exit(code);
