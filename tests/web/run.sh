#!/bin/sh
# Runs the browser tests; exits 77 (skipped, with the reason) only when Chromium, node or playwright-core
# cannot be had. tools/setup installs them (chromium from Debian, `npm ci` here).
# Usage: run.sh TALKDEX TALKDEX_MKMEDIA OUT_DIR
here=$(dirname "$0")
if [ ! -x /usr/bin/chromium ]; then echo "skipped: /usr/bin/chromium is not installed (apt-get install chromium)"; exit 77; fi
if ! command -v node >/dev/null 2>&1; then echo "skipped: node is not installed"; exit 77; fi
if [ ! -d "$here/node_modules/playwright-core" ]; then echo "skipped: playwright-core is not installed (npm ci in tests/web)"; exit 77; fi
exec node "$here/browser_test.js" "$@"
