# syntax=docker/dockerfile:1
# copilot-relay as a container: compiled with Bun, run as a single binary on Alpine as a non-root user.
#   docker build -t copilot-relay .        (multi-arch: docker buildx build --platform linux/amd64,linux/arm64 .)
#   docker run -p 127.0.0.1:4141:4141 -v copilot-relay-data:/data -e GH_TOKEN -e COPILOT_RELAY_API_KEYS=<key> copilot-relay
# See docker-compose.yml for the config file, the data volume and the GitHub token.
ARG BUN_VERSION=1.4.5
ARG ALPINE_VERSION=3.22

# Build on the builder's own platform and cross-compile for the target: no emulation for the build itself.
FROM --platform=$BUILDPLATFORM oven/bun:${BUN_VERSION}-alpine AS build
ARG TARGETARCH
# The git commit to stamp into `--version` (.git is not part of the build context).
ARG COMMIT=unknown
WORKDIR /src
COPY package.json package-lock.json ./
RUN bun install --production --frozen-lockfile --ignore-scripts
COPY src ./src
COPY scripts/build.ts ./scripts/build.ts
RUN case "$TARGETARCH" in \
      amd64) arch=x64 ;; \
      arm64) arch=arm64 ;; \
      *) echo "unsupported TARGETARCH '$TARGETARCH' (linux/amd64 and linux/arm64 are)" >&2; exit 1 ;; \
    esac \
 && COPILOT_RELAY_COMMIT="$COMMIT" bun scripts/build.ts --target "linux-$arch-musl" --outdir /out \
 && mv "/out/copilot-relay-linux-$arch-musl" /out/copilot-relay

FROM alpine:${ALPINE_VERSION}
# The musl build of Bun needs libstdc++ (and libgcc); ca-certificates for corporate proxies' roots.
RUN apk add --no-cache libstdc++ libgcc ca-certificates \
 && addgroup -S -g 10001 relay \
 && adduser -S -D -H -u 10001 -G relay -h /data relay \
 && mkdir -p /data /config/copilot-relay \
 && chown relay:relay /data \
 && chmod 0700 /data
COPY --from=build /out/copilot-relay /usr/local/bin/copilot-relay

# Token file and state live in the volume; an optional config file is read from /config/copilot-relay/config.yaml.
ENV COPILOT_RELAY_HOME=/data \
    XDG_CONFIG_HOME=/config \
    HOME=/data
VOLUME ["/data"]
USER relay:relay
EXPOSE 4141

# The relay binds 127.0.0.1 by default; in a container it must listen on every interface to be reachable at all, and
# beyond loopback it refuses to start without API keys: set COPILOT_RELAY_API_KEYS (comma-separated), which clients
# send as `Authorization: Bearer <key>` or `x-api-key`. /healthz needs no key.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${COPILOT_RELAY_PORT:-4141}/healthz" || exit 1

ENTRYPOINT ["copilot-relay"]
CMD ["start", "--host", "0.0.0.0"]
