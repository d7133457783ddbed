#!/usr/bin/env bash
# Debian packages Zhifa needs: CJK fonts for PDFs, poppler for PDF checks, Chromium for browser tests,
# the PostgreSQL client (pg_dump, pg_restore) for backups.
# Installs them when run as root and missing; otherwise prints the exact apt-get line.
set -euo pipefail
need=()
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)  # `zhifa backup` on PostgreSQL
[ ${#need[@]} -eq 0 ] && exit 0
line="apt-get update && apt-get install -y ${need[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo ">> 安装系统软件包: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "缺少系统软件包: ${need[*]}" >&2
  echo "请以 root 身份运行: $line" >&2
  exit 1
fi
