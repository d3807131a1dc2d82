import packageJson from "../package.json" with { type: "json" };

/** Replaced by scripts/build.ts (`--define`) with the git commit the binary was built from. */
declare const COPILOT_RELAY_COMMIT: string | undefined;

/** The package version alone, e.g. "0.1.0" (`debug --json` reports it next to the commit). */
export const PACKAGE_VERSION: string = packageJson.version;

/** The commit a compiled binary was built from ("unknown" when git was not available); "" when run from source. */
export const COMMIT: string = typeof COPILOT_RELAY_COMMIT === "string" ? COPILOT_RELAY_COMMIT : "";

/** What `--version`, /healthz and the start line show: "0.1.0 (abc1234)" built, "0.1.0" from source; version first for scripts. */
export const VERSION: string = COMMIT ? `${PACKAGE_VERSION} (${COMMIT})` : PACKAGE_VERSION;
