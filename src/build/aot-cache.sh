#!/usr/bin/env bash
# Makes target/canship.aot, an ahead-of-time cache for bin/canship, when this machine has a JDK 25 or newer
# (JEP 483 and 514: classes loaded and linked, and their profiles, recorded by a training run of a real check).
# The cache belongs to the JVM that made it, so that JVM's path goes beside it (target/canship.aot.java) and
# bin/canship runs canship with it. Without a JDK 25 nothing is made and bin/canship keeps Java 17 and its
# class-data archive: a missing or failed cache only costs the speed-up, never the build.
# Usage: aot-cache.sh TARGET_DIR PROJECT_DIR
set -uo pipefail
target="$1" project="$2"
rm -f "$target/canship.aot" "$target/canship.aot.java"

# The newest JDK of version 25 or more: CANSHIP_AOT_JAVA, JAVA_HOME, then the JDKs installed under /usr/lib/jvm.
best="" best_version=0
for java in "${CANSHIP_AOT_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java; do
  [ -n "$java" ] && [ -x "$java" ] || continue
  version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
  version="${version%%.*}"
  case "$version" in '' | *[!0-9]*) continue ;; esac
  if [ "$version" -ge 25 ] && [ "$version" -gt "$best_version" ]; then
    best="$java" best_version="$version"
  fi
done
if [ -z "$best" ]; then
  echo "aot-cache: no JDK 25 or newer found; bin/canship uses Java 17 with its class-data archive"
  exit 0
fi

# The same settings as bin/canship: a cache made under other GC or compiler settings would not be used.
if "$best" -XX:AOTCacheOutput="$target/canship.aot" -XX:+UseSerialGC -XX:-UsePerfData -Xss4m -Djdk.reflect.useNativeAccessorOnly=true \
    -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xlog:disable -Xlog:all=error:stderr \
    -jar "$target/canship.jar" check \
    "$project/samples/repos/llama4-scout-instruct" "$project/samples/repos/acme-llama3.1-8b-support" \
    --deployment "$project/samples/deployments/weights-release-fail.yaml" --format json \
    >"$target/aot-training.log" 2>&1 || [ -f "$target/canship.aot" ]; then
  printf '%s\n' "$best" >"$target/canship.aot.java"
  echo "aot-cache: $target/canship.aot made with $best (Java $best_version)"
else
  rm -f "$target/canship.aot"
  echo "aot-cache: the training run failed (see $target/aot-training.log); bin/canship uses Java 17 with its class-data archive"
fi
exit 0
