#!/usr/bin/env bash
# Recordings of human speech with their transcripts, for bench/bench_stt.py: the LibriVox (public domain) and
# "cards" clips in the test data of the pocketsphinx source distribution on PyPI. Into .data/bench-speech/.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.1.1
out=.data/bench-speech
[ -f "$out/.pocketsphinx-$VERSION" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/pip download -q --no-deps --no-binary :all: "pocketsphinx==$VERSION" -d "$tmp"
tar -xzf "$tmp/pocketsphinx-$VERSION.tar.gz" -C "$tmp" \
  "pocketsphinx-$VERSION/test/data/librivox" "pocketsphinx-$VERSION/test/data/cards"
rm -rf "$out" && mkdir -p "$out"
data="$tmp/pocketsphinx-$VERSION/test/data"
cp "$data"/librivox/*.wav "$data"/librivox/*.txt "$out"/
# cards.transcription: "<s> ten of clubs </s> (001)" -> cards-001.wav + cards-001.txt
for wav in "$data"/cards/*.wav; do
  id=$(basename "$wav" .wav)
  cp "$wav" "$out/cards-$id.wav"
  sed -n "s/^<s> \(.*\) <\/s> ($id)\$/\1/p" "$data/cards/cards.transcription" | sed 's/ *$//' > "$out/cards-$id.txt"
done
touch "$out/.pocketsphinx-$VERSION"
echo "human speech for bench/bench_stt.py: $(ls "$out"/*.wav | wc -l) clips in $out"
