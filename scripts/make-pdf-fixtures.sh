#!/usr/bin/env bash
# Regenerates the committed PDF and .doc fixtures of libs/plan-reader from .docx files written by its
# test support, converted once by LibreOffice (tests never need LibreOffice). Needs Debian's
# libreoffice-writer-nogui and fonts-noto-cjk; run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "install LibreOffice first: apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk" >&2; exit 1; }
out=libs/plan-reader/test-fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node test/support/ts-run.js libs/plan-reader/test-support/make-fixtures.ts "$tmp"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp"/*.docx >/dev/null
soffice --headless --convert-to doc --outdir "$tmp" "$tmp"/doc/*.docx >/dev/null
cp "$tmp"/*.pdf "$tmp"/*.doc "$out"/
ls -l "$out"/*.pdf "$out"/*.doc
