#!/usr/bin/env bash
# The end-to-end suite on the Node versions Pulumi users run, with the newest @pulumi/pulumi: what `npm test`
# cannot cover with the repo's pinned Node and SDK. Node binaries come from the npm registry's `node`
# package; they and the SDK are installed into a cache outside the repository and reused by later runs
# (a new release gets a folder of its own; older ones are removed).
#   COMPAT_NODE_MAJORS   Node major versions to test (default "22 24")
#   COMPAT_PULUMI        @pulumi/pulumi version to test (default: the newest on the registry)
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-identity-source-ci"
mkdir -p "$cache"

# Installs `spec` into `$cache/$name` unless a complete install is there; removes `$cache/$prefix*` others.
# Extra arguments go to `npm install`.
cached_install() {
  local name=$1 spec=$2 prefix=$3 dir="$cache/$1"
  shift 3
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$@" \
      "$spec" >/dev/null
    touch "$dir/.complete"
  fi
  find "$cache" -mindepth 1 -maxdepth 1 -name "$prefix*" ! -name "$name" -exec rm -rf {} +
}

newest() { npm view "$1" version --json | node -e '
  const v = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const all = (Array.isArray(v) ? v : [v]).map((s) => s.split(".").map(Number));
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  console.log(all.at(-1).join("."));'; }

sdk="${COMPAT_PULUMI:-$(newest @pulumi/pulumi)}"
majors="${COMPAT_NODE_MAJORS:-22 24}"
bins=()
for major in $majors; do
  version="$(newest "node@$major")"
  # The `node` package's preinstall script fetches the binary for this platform: scripts must run.
  cached_install "node-$major-$version" "node@$version" "node-$major-"
  bin="$cache/node-$major-$version/node_modules/node/bin"
  if [ "$("$bin/node" --version)" != "v$version" ]; then
    echo "test:compat: $bin/node is not Node $version; delete $cache and retry" >&2
    exit 1
  fi
  bins+=("$bin")
done
# Installed with the first Node tested: the SDK's engines field may exclude the repo's own Node.
# --ignore-scripts: as in the repo's own install, where `allowScripts` runs none of the SDK's.
PATH="${bins[0]}:$PATH" cached_install "pulumi-$sdk" "@pulumi/pulumi@$sdk" "pulumi-" --ignore-scripts

summary=""
for bin in "${bins[@]}"; do
  label="Node $("$bin/node" --version) + @pulumi/pulumi $sdk"
  echo "== end-to-end suite on $label"
  start=$SECONDS
  PATH="$bin:$PATH" OIS_E2E_PULUMI_SDK="$cache/pulumi-$sdk/node_modules" npm run --silent test:e2e
  summary+="$label: passed in $((SECONDS - start)) s"$'\n'
done
printf '%s' "$summary"
