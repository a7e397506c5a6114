# Hookline gateway. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t hookline/gateway .
# Stage 1 compiles the service and its libs into one JavaScript bundle, gathers only the npm
# packages that bundle loads and builds the dashboard beside it (tools/build/service-image.mjs);
# stage 2 is that tree on plain Node, serving the dashboard and the portal at / and /portal.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps apps
COPY libs libs
COPY tools/build tools/build
COPY tools/dashboard tools/dashboard
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && node tools/build/service-image.mjs gateway /image

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Containers listen on their interfaces; gRPC is mutual TLS (HOOKLINE_TLS_DIR or HOOKLINE_TLS_CA/_CERT/_KEY).
ENV HOOKLINE_BIND_HOST=0.0.0.0 HOOKLINE_TLS_DIR=/etc/hookline/tls
WORKDIR /app
# Owned by root, run as the unprivileged node user: the process cannot change its own code.
COPY --from=build /image ./
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A larger young generation: less garbage-collection CPU per delivery (see README).
CMD ["node", "--max-semi-space-size=64", "--enable-source-maps", "main.js"]
