#!/usr/bin/env bash
# Install the Debian packages Kinerja needs when they are missing.
#   run:  WeasyPrint's libraries (PDF), a font, gettext (translations)
#   test: the above plus Debian's chromium (browser tests; never `playwright install`) and poppler-utils
set -euo pipefail
profile="${1:-run}"
pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext)
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)  # front-end packages (charts) come from npm
if [ "$profile" = "test" ]; then
  pkgs+=(chromium poppler-utils)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Memasang paket sistem: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Perlu hak root untuk memasang: ${missing[*]} (jalankan: apt-get install ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
