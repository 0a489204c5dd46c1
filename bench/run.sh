#!/usr/bin/env bash
# canship benchmarks: whole-process figures, medians of several cold runs, canship beside the license
# detectors people run today. Not a test: CI never runs this. Usage: bench/run.sh [runs]   (default 7)
#
# Needs: a built jar (mvn -q -DskipTests package), python3, GNU time; installs the peers (Debian packages
# ruby-licensee and licensecheck) when missing and apt-get is available.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
[ -f target/canship.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
python3 bench/make_repos.py >/dev/null
if ! command -v licensee >/dev/null || ! command -v licensecheck >/dev/null; then
  if command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ruby-licensee licensecheck) >/dev/null 2>&1 || true
  fi
fi
D=samples/deployments/us-assistant-pass.yaml

# measure NAME CMD...: runs CMD $runs times cold, prints "NAME median min max peakRSS(MB)".
measure() {
  local name="$1"; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    sync
    /usr/bin/time -q -f "%e %M" -o /tmp/canship-bench.time "$@" >/dev/null 2>&1 || true
    read -r t m < /tmp/canship-bench.time
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" -v rss="$rss" '
    { a[NR]=$1 } END { printf "%-44s %8.3f %8.3f %8.3f %8.0f\n", n, a[int((NR+1)/2)], a[1], a[NR], rss/1024 }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
printf '%-44s %8s %8s %8s %8s\n' "what (cold, $runs runs)" "median s" "min s" "max s" "RSS MB"
measure "canship check, llama4 + 0 GB shards"          bin/canship check bench/out/llama4-0gb -d $D
measure "canship check, llama4 + 200 GB shards"        bin/canship check bench/out/llama4-200gb -d $D
measure "canship check, llama4 + 800 GB shards"        bin/canship check bench/out/llama4-800gb -d $D
measure "canship check, 800 GB, plain java -jar"       java -jar target/canship.jar check bench/out/llama4-800gb -d $D
measure "canship check, 800 GB, C1 no CDS"             java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar target/canship.jar check bench/out/llama4-800gb -d $D
measure "canship check, 800 GB, CDS, C1, 2 compiler threads" env CANSHIP_JAVA_OPTS=-XX:CICompilerCount=2 bin/canship check bench/out/llama4-800gb -d $D
measure "canship scan, llama4 + 200 GB"                bin/canship scan bench/out/llama4-200gb
if command -v licensee >/dev/null; then
  measure "licensee detect, llama4 + 200 GB"           licensee detect bench/out/llama4-200gb
fi
if command -v licensecheck >/dev/null; then
  # licensecheck reads every file whole, weights included: on the sharded repository it does not finish.
  measure "licensecheck -r, llama4 + 0 GB"             licensecheck -r bench/out/llama4-0gb
  runs=1 measure "licensecheck -r, llama4 + 200 GB (60 s cap, 1 run)" timeout 60 licensecheck -r bench/out/llama4-200gb
fi
n=$(ls bench/out/many | wc -l)
measure "canship check --each ($n repositories)"       bin/canship check --each bench/out/many -d $D --fail-on never
measure "canship check --each ($n), full JIT"          env CANSHIP_JAVA_OPTS="-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2" bin/canship check --each bench/out/many -d $D --fail-on never
if command -v licensee >/dev/null; then
  measure "licensee detect, one sample repository"     licensee detect samples/repos/llama4-scout-instruct
fi
