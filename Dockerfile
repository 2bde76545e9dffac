# syntax=docker/dockerfile:1
# taskql: one image for the API and the worker (the command picks: api | worker).

# ---- build: every dependency, the dashboard (web/dist) and dist/ (tsc), then only what runs is kept
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web ./web
# npm ci runs `prepare`, which builds the dashboard (Vite) and dist/ (tsc): dev dependencies.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: Node, production dependencies, the compiled dist/, as a non-root user
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/web/dist ./web/dist
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
EXPOSE 4000
# The API answers /health (200 with Redis up, 503 without). Workers serve no HTTP: their
# containers turn this check off (docker-compose.yml) and are watched by heartbeats instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/bin/taskql.js"]
CMD ["api"]
