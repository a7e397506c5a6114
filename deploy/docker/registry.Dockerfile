# Hookline registry. Build from the repository root:
#   docker build -f deploy/docker/registry.Dockerfile -t hookline/registry .
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/gateway/package.json apps/gateway/
COPY apps/registry/package.json apps/registry/
COPY apps/ingestion/package.json apps/ingestion/
COPY apps/dispatcher/package.json apps/dispatcher/
COPY apps/audit/package.json apps/audit/
COPY apps/e2e/package.json apps/e2e/
COPY libs libs
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Containers listen on their interfaces; gRPC is mutual TLS (HOOKLINE_TLS_DIR or HOOKLINE_TLS_CA/_CERT/_KEY).
ENV HOOKLINE_BIND_HOST=0.0.0.0 HOOKLINE_TLS_DIR=/etc/hookline/tls
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY libs libs
COPY apps/registry apps/registry
USER node
EXPOSE 50051 8081
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "apps/registry/src/main.ts"]
