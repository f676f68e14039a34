#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that po/POTFILES.in lists every file with translatable strings (and only existing
# files), and that po/ru.po translates every string of the sources, without fuzzy entries.
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"

status=0
listed="$work/listed"
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort > "$listed"

while read -r f; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done < "$listed"

{
  grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext)[[:space:]]*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' ui --include='*.ui' || true
  find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) || true
} | sort > "$work/needed"

comm -23 "$work/needed" "$listed" | while read -r f; do
  echo "$f has translatable strings but is not in po/POTFILES.in"
  echo x >> "$work/unlisted"
done
[ ! -f "$work/unlisted" ] || status=1

xgettext --from-code=UTF-8 --add-comments --package-name=opora \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --files-from="$listed" --output="$work/opora.pot"
msgmerge --quiet --no-fuzzy-matching po/ru.po "$work/opora.pot" --output-file="$work/ru.po"
stats=$(msgfmt --check --statistics --output-file=/dev/null "$work/ru.po" 2>&1)
echo "ru.po against the sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) status=1 ;;
esac
msgfmt --check --output-file=/dev/null po/ru.po || status=1
exit $status
