# recflow: one image with the server and the built dashboard. Production runs Node 24 LTS.
FROM node:24-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json tsconfig.base.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/simulator/package.json packages/simulator/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build && pnpm --filter @recflow/server deploy --prod --legacy /out/server

FROM node:24-slim
ENV NODE_ENV=production APP_PORT=8080
WORKDIR /app
# The layout mirrors the repository so the server finds drizzle/ and apps/web/dist beside it.
COPY --from=build /out/server apps/server
COPY --from=build /app/drizzle drizzle
COPY --from=build /app/apps/web/dist apps/web/dist
USER node
EXPOSE 8080
CMD ["node", "apps/server/dist/main.js"]
