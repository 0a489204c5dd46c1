#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml): checks what a commit touches.
#   - a staged deployment file (YAML or JSON whose first key is `canship:`) is checked against the model folders;
#   - a staged file inside a model folder (a folder holding config.json, or a README.md with front matter) has that
#     folder checked against the deployment.
# Arguments before `--` come from the hook's `args:`: `--deployment FILE` (the deployment for model changes) and
# `--models DIR...` (the models for deployment changes); after it, the staged files pre-commit passes.
# Exit codes are canship's: 0 clean, 1 findings at or above --fail-on (default error), 2 bad input.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${CANSHIP_BIN:-$here/../bin/canship}"
deployment=""
fail_on=error
models=()
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --deployment) deployment="$2"; shift 2 ;;
    --fail-on) fail_on="$2"; shift 2 ;;
    --models) shift; while [ $# -gt 0 ] && [ "$1" != "--" ] && [[ "$1" != --* ]]; do models+=("$1"); shift; done ;;
    --) shift; files+=("$@"); break ;;
    *) files+=("$1"); shift ;;
  esac
done

is_deployment() {
  case "$1" in *.yaml|*.yml|*.json) ;; *) return 1 ;; esac
  grep -m1 -qE '^[[:space:]]*("canship"|canship)[[:space:]]*:' "$1" 2>/dev/null
}

# The nearest folder at or above a file that is a model folder, or nothing.
model_of() {
  local d
  d="$(dirname "$1")"
  while [ "$d" != "." ] && [ "$d" != "/" ]; do
    if [ -f "$d/config.json" ] || { [ -f "$d/README.md" ] && head -n1 "$d/README.md" | grep -q '^---'; }; then
      echo "$d"
      return
    fi
    d="$(dirname "$d")"
  done
}

deployments=()
touched=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if is_deployment "$f"; then
    deployments+=("$f")
  else
    m="$(model_of "$f")"
    [ -n "$m" ] && touched+=("$m")
  fi
done
status=0
run() {
  "$bin" check "$@" --fail-on "$fail_on"
  local c=$?
  [ "$c" -gt "$status" ] && status=$c
}
# Staged deployments against the configured models (and any touched ones).
for d in "${deployments[@]}"; do
  mapfile -t all < <(printf '%s\n' "${models[@]}" "${touched[@]}" | sed '/^$/d' | sort -u)
  if [ "${#all[@]}" -gt 0 ]; then
    run "${all[@]}" --deployment "$d"
  fi
done
# Touched model folders against the configured deployment, when no staged deployment already covered them.
if [ "${#deployments[@]}" -eq 0 ] && [ "${#touched[@]}" -gt 0 ]; then
  mapfile -t uniq < <(printf '%s\n' "${touched[@]}" | sort -u)
  if [ -z "$deployment" ]; then
    echo "canship pre-commit: ${uniq[*]} changed, but no --deployment is configured in the hook's args" >&2
    exit 2
  fi
  run "${uniq[@]}" --deployment "$deployment"
fi
exit "$status"
