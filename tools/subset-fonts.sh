#!/usr/bin/env bash
# Regenerate pvs/fonts/*.ttf: DejaVu Sans (Debian fonts-dejavu-core) cut down to the scripts
# Dutch schools meet (Latin with Turkish, Polish, Czech, Romanian and Vietnamese letters,
# Greek, Cyrillic) plus punctuation and the tick and dot pvs draws in forms. Names unchanged:
# the licence (LICENSE-DejaVu.txt) only restricts names containing "Bitstream" or "Vera".
set -euo pipefail
cd "$(dirname "$0")/.."
ranges="U+0020-007E,U+00A0-024F,U+0259,U+02BB-02BC,U+02C6-02DD,U+0300-036F,U+0370-03FF"
ranges+=",U+0400-052F,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+20AC,U+2116,U+2122,U+2190-2193"
ranges+=",U+2713,U+2714,U+2717,U+25CB,U+25CF,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$ranges" --no-hinting \
    --layout-features='*' --name-IDs='*' --name-legacy --name-languages='*' \
    --output-file="pvs/fonts/$face.ttf"
done
