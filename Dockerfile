# The production image: one image, three commands (migrate, api, worker).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
COPY bench bench
# the API's code (`nest build`: tsc, with the @duban/* imports rewritten to relative paths) and
# the web console (dist/console, served at /)
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# the nightly summary's chart names departments in Chinese
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY seeds seeds
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
