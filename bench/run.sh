#!/usr/bin/env bash
# canship benchmarks: whole-process figures, medians of several cold runs, canship beside the license
# detectors people run today. Not a test: CI never runs this. Usage: bench/run.sh [runs]   (default 7)
#
# Needs: a built jar (mvn -q -DskipTests package), python3, GNU time; installs the peers (Debian packages
# ruby-licensee and licensecheck) when missing and apt-get is available.
#
# The commands of a table run interleaved (round 1 runs each once, then round 2...), so a slow spell of the
# machine falls on every row alike and the ratios between rows hold even when the medians drift. Each timed
# run follows an untimed one of the same command: cold processes, files in the page cache.
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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

names=() cmds=()
# row NAME CMD: adds a row to the table being built.
row() { names+=("$1"); cmds+=("$2"); }

# table: runs every row $runs times interleaved, prints "NAME median min max peakRSS(MB) ratio-to-first-row".
table() {
  local r i
  for r in $(seq "$runs"); do
    for i in "${!cmds[@]}"; do
      # This machine's page cache is reclaimed within seconds (a VM): an untimed run first puts the command's
      # own files (jar, class-data archive, JDK, Ruby gems) in the cache, so the timed run measures a cold
      # process, not the disk. The first run after a fresh build also pays for reading the jar from disk.
      [ "$runs" -gt 1 ] && bash -c "${cmds[$i]}" >/dev/null 2>&1 || true
      /usr/bin/time -q -f "%e %M" -a -o "$out/$i" bash -c "${cmds[$i]}" >/dev/null 2>&1 || true
    done
  done
  for i in "${!cmds[@]}"; do
    sort -n "$out/$i" | awk -v n="${names[$i]}" '
      { t[NR]=$1; if ($2 > rss) rss=$2 } END { printf "%s\t%.3f\t%.3f\t%.3f\t%.0f\n", n, t[int((NR+1)/2)], t[1], t[NR], rss/1024 }'
  done | awk -F'\t' 'NR==1 { base=$2 } { printf "%-52s %8.3f %8.3f %8.3f %8.0f %7.2fx\n", $1, $2, $3, $4, $5, $2/base }'
  rm -f "$out"/*
  names=() cmds=()
}

header() { printf '\n%-52s %8s %8s %8s %8s %8s\n' "$1 (cold, $runs runs)" "median s" "min s" "max s" "RSS MB" "ratio"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
if [ -f target/canship.aot ] && [ -f target/canship.aot.java ]; then
  echo "bin/canship runs on $("$(head -n 1 target/canship.aot.java)" -version 2>&1 | head -1) with the AOT cache target/canship.aot"
fi

# Weights do not matter: the three differ by a few percent at most, so this table runs three times as often.
runs_one=$runs
runs=$((runs_one * 3))
header "weights do not matter"
row "canship check, llama4 + 0 GB shards"                 "bin/canship check bench/out/llama4-0gb -d $D"
row "canship check, llama4 + 200 GB shards"               "bin/canship check bench/out/llama4-200gb -d $D"
row "canship check, llama4 + 800 GB shards"               "bin/canship check bench/out/llama4-800gb -d $D"
table
runs=$runs_one

header "one repository"
row "canship check, llama4 + 200 GB shards"               "bin/canship check bench/out/llama4-200gb -d $D"
row "canship check, 800 GB, every shard header read"      "bin/canship check bench/out/llama4-800gb -d $D --limit max-shard-headers=1000"
if [ -f target/canship.aot ]; then
  row "canship check, 200 GB, Java 17 + CDS (CANSHIP_AOT=0)" "CANSHIP_AOT=0 bin/canship check bench/out/llama4-200gb -d $D"
fi
row "canship check, 800 GB, plain java -jar"              "java -jar target/canship.jar check bench/out/llama4-800gb -d $D"
row "canship check, 800 GB, C1 no CDS"                    "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar target/canship.jar check bench/out/llama4-800gb -d $D"
row "canship check, 800 GB, CDS, C1, 2 compiler threads"  "CANSHIP_JAVA_OPTS=-XX:CICompilerCount=2 bin/canship check bench/out/llama4-800gb -d $D"
row "canship scan, llama4 + 200 GB"                       "bin/canship scan bench/out/llama4-200gb"
if command -v licensee >/dev/null; then
  row "licensee detect, llama4 + 200 GB"                  "licensee detect bench/out/llama4-200gb"
fi
if command -v licensecheck >/dev/null; then
  row "licensecheck -r, llama4 + 0 GB"                    "licensecheck -r bench/out/llama4-0gb"
fi
table

n=$(ls bench/out/many | wc -l)
header "many repositories"
row "canship check --each ($n repositories)"              "bin/canship check --each bench/out/many -d $D --fail-on never"
row "canship check --each ($n), full JIT"                 "CANSHIP_JAVA_OPTS='-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2' bin/canship check --each bench/out/many -d $D --fail-on never"
row "canship scan --each ($n repositories)"               "bin/canship scan --each bench/out/many"
if command -v licensee >/dev/null; then
  row "licensee detect, one sample repository"            "licensee detect samples/repos/llama4-scout-instruct"
fi
table

if command -v licensecheck >/dev/null; then
  # licensecheck reads every file whole, weights included: on the sharded repository it does not finish.
  runs=1
  header "licensecheck on weights"
  row "licensecheck -r, llama4 + 200 GB (60 s cap)"       "timeout 60 licensecheck -r bench/out/llama4-200gb"
  table
fi
