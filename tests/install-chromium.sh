#!/bin/sh
# Install Debian's chromium for the browser tests, or say exactly what to install.
set -e
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium. Install Debian's package: sudo apt-get install chromium" >&2
exit 1
