#!/usr/bin/env bash
# Set up vanban in .venv (Python >= 3.10).
#   bash scripts/setup.sh          the library and the `vanban` command
#   bash scripts/setup.sh --test   also the test tools, LibreOffice, Liberation fonts and poppler
#
# PDFs in the decree's font: LibreOffice draws Times New Roman only if the machine has it; without it, it uses
# the metric-identical Liberation Serif and `vanban pdf` says so ("Chú ý: … thay cho Times New Roman"). To use
# a Times New Roman you own: copy times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf into ~/.local/share/fonts
# (Linux) and run `fc-cache -f`; on Windows and macOS it is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

if [ "$with_tests" = 1 ]; then
  need=()
  command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
  # Calc, to open and save progress forms as a unit would (tests of `vanban tien-do`)
  ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  # Liberation 2 has the precomposed Vietnamese letters; 1.x does not.
  [ -d /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Cài gói hệ thống: ${need[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
      echo "Cảnh báo: thiếu ${need[*]}; các bài kiểm tra PDF sẽ bị bỏ qua (cài bằng apt-get với quyền root)." >&2
    fi
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
if [ "$with_tests" = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
