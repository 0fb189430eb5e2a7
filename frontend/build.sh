#!/usr/bin/env bash
# Rebuild pcplan's vendored GOV.UK Frontend files in static/govuk/.
# Usage (from any directory): bash frontend/build.sh
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$FRONTEND_DIR")"
OUT_DIR="$ROOT_DIR/static/govuk"
GOVUK_DIST="$FRONTEND_DIR/node_modules/govuk-frontend/dist/govuk"

cd "$FRONTEND_DIR"
npm ci --no-audit --no-fund

# Start from a clean output directory so removed assets do not linger.
rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"

# Compile Sass: compressed, no source map. GOV.UK Frontend 5 uses @import and
# older Sass built-ins, so silence those deprecation warnings from the package.
npx --no-install sass \
  --style=compressed \
  --no-source-map \
  --load-path=node_modules \
  --quiet-deps \
  --silence-deprecation=import \
  pcplan.scss "$OUT_DIR/govuk-frontend.min.css"

# GOV.UK Frontend 5's JavaScript is an ES module. Drop its sourceMappingURL
# comment: we do not ship the .map, and Django's ManifestStaticFilesStorage
# fails on a reference to a missing file.
sed -E 's#//[#@] sourceMappingURL=[^[:space:]]*$##' \
  "$GOVUK_DIST/govuk-frontend.min.js" > "$OUT_DIR/govuk-frontend.min.js"

# Copy only the images the compiled CSS refers to (none of the fonts, and
# never the crown/crest or GOV.UK favicons).
for ref in $(grep -o 'url([^)]*)' "$OUT_DIR/govuk-frontend.min.css" \
               | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u); do
  case "$ref" in
    assets/images/*) ;;
    *) echo "build.sh: unexpected url($ref) in compiled CSS" >&2; exit 1 ;;
  esac
  name="${ref#assets/images/}"
  case "$name" in
    *crest*|*crown*|favicon*|govuk-icon*|govuk-opengraph*)
      echo "build.sh: compiled CSS refers to crown/GOV.UK image $name" >&2; exit 1 ;;
  esac
  mkdir -p "$OUT_DIR/assets/images"
  cp "$GOVUK_DIST/assets/images/$name" "$OUT_DIR/assets/images/$name"
done

# Guard: pcplan must not ship GDS Transport, the crown or dangling source maps.
if grep -q 'sourceMappingURL' "$OUT_DIR"/govuk-frontend.min.*; then
  echo "build.sh: sourceMappingURL left in output" >&2
  exit 1
fi
if grep -q -e 'GDS Transport' -e '@font-face' "$OUT_DIR/govuk-frontend.min.css"; then
  echo "build.sh: GDS Transport / @font-face found in compiled CSS" >&2
  exit 1
fi

echo "Built $(wc -c < "$OUT_DIR/govuk-frontend.min.css") bytes of CSS into $OUT_DIR"
