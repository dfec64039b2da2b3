#!/usr/bin/env bash
# Vendors the browser libraries from the npm registry into api/web/static/vendor (no CDN at run time).
set -euo pipefail
cd "$(dirname "$0")/../api/web"
vendor=static/vendor
stamp="$vendor/.built-$(cat package*.json | sha256sum | cut -c1-16)"
[ -f "$stamp" ] && exit 0
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
rm -rf "$vendor" && mkdir -p "$vendor"
cp node_modules/livekit-client/dist/livekit-client.umd.js "$vendor/livekit-client.umd.js"
cp node_modules/uplot/dist/uPlot.iife.min.js "$vendor/uPlot.iife.min.js"
cp node_modules/uplot/dist/uPlot.min.css "$vendor/uPlot.min.css"
cp node_modules/diff/dist/diff.min.js "$vendor/diff.min.js"
# the accessibility checker the browser tests run on every page (never loaded by a page itself)
cp node_modules/axe-core/axe.min.js "$vendor/axe.min.js"
# Clerk's browser bundle and the chunks it loads from its own folder (its sign-in component among them), used when
# CLERK_PUBLISHABLE_KEY is set
mkdir -p "$vendor/clerk"
cp node_modules/@clerk/clerk-js/dist/clerk.browser.js node_modules/@clerk/clerk-js/dist/*_clerk.browser_*.js "$vendor/clerk/"
touch "$stamp"
echo "[build_web] vendored livekit-client $(node -p "require('./node_modules/livekit-client/package.json').version"), uPlot, jsdiff, axe-core and @clerk/clerk-js $(node -p "require('./node_modules/@clerk/clerk-js/package.json').version") into $vendor"
