# syntax=docker/dockerfile:1
# Multi-stage build: install and build with the pinned pnpm, then a slim runtime as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9 --no-fund --no-audit
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY patches patches/
COPY server/package.json server/
COPY web/package.json web/
COPY shared/package.json shared/
COPY drizzle/package.json drizzle/
COPY tests/package.json tests/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build && pnpm deploy --filter @masar/server --prod --legacy /out/server \
  && cp -r server/dist /out/server/dist

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data MIGRATIONS_DIR=/app/drizzle/migrations WEB_DIST_DIR=/app/web/dist
WORKDIR /app
COPY --from=build /out/server /app/server
COPY --from=build /app/web/dist /app/web/dist
COPY --from=build /app/drizzle/migrations /app/drizzle/migrations
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server/dist/main.js"]
