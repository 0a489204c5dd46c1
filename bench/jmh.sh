#!/usr/bin/env bash
# In-process benchmarks with JMH (fingerprint matching per KB of text, rule evaluation per deployment).
# Usage: bench/jmh.sh [JMH args, e.g. a benchmark name regex]. Builds the test classes first.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests -Dcanship.skipCds=true test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "$@"
