# syntax=docker/dockerfile:1
# tradewatch container image.
#
#   docker build -t tradewatch .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://user:pass@db:5432/tradewatch tradewatch
#
# Without DATABASE_URL the app starts its embedded PostgreSQL under DATA_DIR (the volume below);
# that works here because the image runs as a non-root user (postgres refuses root). The
# docker-compose.yml setup uses its own postgres service instead. Configuration: .env.template.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: every dependency (the build needs swc, a dev dependency) --------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: src/ → dist/ ------------------------------------------------------------------
FROM deps AS build
COPY .swcrc tsconfig.json ./
COPY src ./src
RUN npm run build

# --- prod-deps: production dependencies only ----------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/tradewatch \
    PORT=3000 \
    HOST=0.0.0.0
# A dedicated unprivileged user with a fixed numeric id (so `runAsNonRoot` can verify it), owning
# DATA_DIR: the generated API token and, without DATABASE_URL, the embedded PostgreSQL cluster.
# The embedded PostgreSQL needs the user in /etc/passwd (os.userInfo()): with `--user <other
# uid>` use DATABASE_URL.
RUN groupadd --system --gid 10001 tradewatch \
 && useradd --system --uid 10001 --gid tradewatch --home-dir /var/lib/tradewatch \
      --shell /usr/sbin/nologin tradewatch \
 && mkdir -p /var/lib/tradewatch \
 && chown tradewatch:tradewatch /var/lib/tradewatch \
 && chmod 0750 /var/lib/tradewatch
WORKDIR /app
# Owned by root and read-only for the app: it writes only under DATA_DIR.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
# Sample OHLCV files for MARKET_DATA_PROVIDER=replay (REPLAY_DIR defaults to data/replay).
COPY data/replay ./data/replay
USER 10001:10001
VOLUME ["/var/lib/tradewatch"]
EXPOSE 3000
# Liveness only (never fails because the database is down); slim images have no curl, so node
# fetches it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1: tradewatch handles SIGTERM (drains requests, stops what it started).
CMD ["node", "dist/main.js"]
