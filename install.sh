#!/bin/sh
# Installs copilot-relay, one self-contained binary, from its GitHub Releases without sudo:
#
#   curl -fsSL https://github.com/copilot-relay/copilot-relay/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --version 0.1.0
#
# Environment: INSTALL_DIR (default ~/.local/bin); COPILOT_RELAY_DOWNLOAD_URL replaces the releases base URL
# (a mirror, or a local server in tests: it must serve latest/download/<asset> and download/v<version>/<asset>);
# COPILOT_RELAY_OS and COPILOT_RELAY_ARCH override the detected platform.
set -eu

# The release workflow rewrites this line with the repository it publishes from.
REPOSITORY="copilot-relay/copilot-relay"
BINARY_NAME="copilot-relay"

say() { printf '%s\n' "$*"; }
fail() {
  printf 'copilot-relay install: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  say "Usage: install.sh [--version X.Y.Z]"
  say "Installs copilot-relay into \$INSTALL_DIR (default ~/.local/bin), verifying its SHA-256."
}

parse_args() {
  version=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --version | -v)
        [ $# -ge 2 ] || fail "--version needs a value, e.g. --version 0.1.0"
        version="$2"
        shift 2
        ;;
      --version=*)
        version="${1#--version=}"
        shift
        ;;
      --help | -h)
        usage
        exit 0
        ;;
      *) fail "unknown argument '$1' (try --help)" ;;
    esac
  done
}

detect_os() {
  case "$(uname -s)" in
    Linux) echo linux ;;
    Darwin) echo darwin ;;
    *) uname -s ;;
  esac
}

detect_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
  esac
  # A shell under Rosetta reports x86_64 on Apple silicon; the native binary is the better choice there.
  if [ "$arch" = x64 ] && [ "$(uname -s)" = Darwin ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
    arch=arm64
  fi
  echo "$arch"
}

# download URL FILE
download() {
  if [ "$downloader" = curl ]; then
    curl --fail --silent --show-error --location --retry 2 --output "$2" "$1"
  else
    wget --quiet --output-document="$2" "$1"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else
    fail "no SHA-256 tool found (sha256sum, shasum or openssl); refusing to install an unverified binary"
  fi
}

# Everything runs from here, at the last line: a download cut short by the network runs nothing.
main() {
  parse_args "$@"
  os="${COPILOT_RELAY_OS:-$(detect_os)}"
  arch="${COPILOT_RELAY_ARCH:-$(detect_arch)}"
  case "$os-$arch" in
    linux-x64 | linux-arm64 | darwin-x64 | darwin-arm64) ;;
    *)
      fail "unsupported platform '$os-$arch': release binaries exist for linux-x64, linux-arm64, darwin-x64 and darwin-arm64. On Windows run 'npx copilot-relay' or download copilot-relay-windows-x64.exe from https://github.com/$REPOSITORY/releases; elsewhere use the Docker image or build from source"
      ;;
  esac
  # The Linux binaries need glibc; on musl systems (Alpine) they would not start.
  if [ "$os" = linux ] && [ -z "${COPILOT_RELAY_OS:-}" ] && ldd --version 2>&1 | grep -qi musl; then
    fail "this Linux uses musl libc (Alpine?); the release binaries need glibc. Use the Docker image instead"
  fi

  if command -v curl >/dev/null 2>&1; then
    downloader=curl
  elif command -v wget >/dev/null 2>&1; then
    downloader=wget
  else
    fail "neither curl nor wget is installed; install one of them and run this again"
  fi

  base="${COPILOT_RELAY_DOWNLOAD_URL:-https://github.com/$REPOSITORY/releases}"
  base="${base%/}"
  if [ -n "$version" ]; then
    version="${version#v}"
    release_url="$base/download/v$version"
    label="$version"
  else
    release_url="$base/latest/download"
    label="latest"
  fi
  asset="$BINARY_NAME-$os-$arch"
  install_dir="${INSTALL_DIR:-$HOME/.local/bin}"

  work="$(mktemp -d 2>/dev/null || mktemp -d -t copilot-relay)"
  trap 'rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM

  say "Installing copilot-relay ($label) for $os-$arch into $install_dir"
  download "$release_url/$asset" "$work/$asset" ||
    fail "could not download $release_url/$asset (is version '$label' published for $os-$arch? is the network up?)"
  download "$release_url/SHA256SUMS" "$work/SHA256SUMS" ||
    fail "could not download $release_url/SHA256SUMS; refusing to install an unverified binary"

  expected="$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1; exit }' "$work/SHA256SUMS")"
  [ -n "$expected" ] || fail "SHA256SUMS has no entry for $asset; refusing to install an unverified binary"
  actual="$(sha256_of "$work/$asset")"
  if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $asset (expected $expected, got $actual): the download is corrupt or was tampered with; nothing was installed"
  fi

  mkdir -p "$install_dir" 2>/dev/null || fail "cannot create $install_dir; set INSTALL_DIR to a directory you can write"
  [ -w "$install_dir" ] || fail "cannot write to $install_dir; set INSTALL_DIR to a directory you can write (no sudo needed)"
  chmod 755 "$work/$asset"
  # Copy next to the target, then rename: a running copilot-relay is never left with a half-written file.
  cp "$work/$asset" "$install_dir/.$BINARY_NAME.new" || fail "cannot write to $install_dir"
  mv -f "$install_dir/.$BINARY_NAME.new" "$install_dir/$BINARY_NAME" || fail "cannot replace $install_dir/$BINARY_NAME"

  installed="$("$install_dir/$BINARY_NAME" --version 2>/dev/null || true)"
  [ -n "$installed" ] || fail "installed $install_dir/$BINARY_NAME but it does not run on this machine"
  say "Installed copilot-relay $installed to $install_dir/$BINARY_NAME"

  case ":${PATH:-}:" in
    *":$install_dir:"*) say "Run: copilot-relay start" ;;
    *)
      say ""
      say "$install_dir is not on your PATH. Add it, then open a new shell:"
      case "$(basename "${SHELL:-sh}")" in
        zsh) say "  echo 'export PATH=\"$install_dir:\$PATH\"' >> ~/.zshrc" ;;
        bash) say "  echo 'export PATH=\"$install_dir:\$PATH\"' >> ~/.bashrc" ;;
        fish) say "  fish_add_path $install_dir" ;;
        *) say "  echo 'export PATH=\"$install_dir:\$PATH\"' >> ~/.profile" ;;
      esac
      say "Or run it directly: $install_dir/$BINARY_NAME start"
      ;;
  esac
}

main "$@"
