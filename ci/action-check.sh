#!/usr/bin/env bash
# The GitHub Action's check step (action.yml), runnable anywhere: checks the model folders against the deployment,
# writes SARIF and a Markdown report, appends the Markdown to the job summary, and records the gate's exit code
# and the verdicts as step outputs. It never fails by itself on findings: the action's last step does, after the
# SARIF upload and the pull-request comment have run.
#
# Environment (the action's inputs):
#   CANSHIP_BIN         the canship launcher (default: bin/canship beside this script)
#   CANSHIP_PATHS       model folders, separated by spaces or newlines (required)
#   CANSHIP_DEPLOYMENT  the deployment file (required)
#   CANSHIP_POLICY      a policy file (optional)
#   CANSHIP_FAIL_ON     error | warning | info | never (default error)
#   CANSHIP_OUT         folder for canship.sarif and canship.md (default: $RUNNER_TEMP or a temporary folder)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT  set by GitHub Actions; ignored when unset
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${CANSHIP_BIN:-$here/../bin/canship}"
paths="${CANSHIP_PATHS:?CANSHIP_PATHS: name at least one model folder}"
deployment="${CANSHIP_DEPLOYMENT:?CANSHIP_DEPLOYMENT: name the deployment file}"
fail_on="${CANSHIP_FAIL_ON:-error}"
out="${CANSHIP_OUT:-${RUNNER_TEMP:-$(mktemp -d)}}"
mkdir -p "$out"
# Paths are words: model folders with spaces in their names are not supported here (pass them to canship directly).
read -r -a models <<<"$(echo "$paths" | tr '\n' ' ')"
args=(check "${models[@]}" --deployment "$deployment" --fail-on "$fail_on")
if [ -n "${CANSHIP_POLICY:-}" ]; then
  args+=(--policy "$CANSHIP_POLICY")
fi

"$bin" "${args[@]}" --format sarif --output "$out/canship.sarif"
code=$?
if [ "$code" -ge 2 ]; then
  # Bad input or an internal error: canship said why on stderr; nothing to upload.
  echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
  exit "$code"
fi
"$bin" "${args[@]}" --format markdown --output "$out/canship.md" || true
"$bin" "${args[@]}" --format json --output "$out/canship.json" || true
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/canship.md" >>"$GITHUB_STEP_SUMMARY"
fi
verdicts="$(grep -o '"verdict" : "[a-z]*"' "$out/canship.json" | sed 's/.*: "//; s/"//' | sort | uniq -c | awk '{printf "%s%s=%s", sep, $2, $1; sep=","}')"
{
  echo "exit-code=$code"
  echo "sarif=$out/canship.sarif"
  echo "markdown=$out/canship.md"
  echo "json=$out/canship.json"
  echo "verdicts=$verdicts"
} >>"${GITHUB_OUTPUT:-/dev/null}"
echo "canship: exit code $code ($verdicts); reports in $out"
exit 0
