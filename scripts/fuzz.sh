#!/usr/bin/env bash
# Fuzzes one path of the core with cargo-fuzz (libFuzzer) for a number of seconds.
#
#   scripts/fuzz.sh hcl|tf_json|plan|eval SECONDS
#
# The seed corpus is rebuilt from the repository's real inputs each time (seed documents,
# fixtures, plans, examples, tests/fuzz/) into fuzz/corpus/<target>-seeds/; what the fuzzer finds
# accumulates in fuzz/corpus/<target>/. Neither is committed. Crashes, timeouts and OOMs land in
# fuzz/artifacts/<target>/, the log in fuzz/logs/. One fuzzer process, one core.
# Needs `cargo install cargo-fuzz`. The toolchain is stable; RUSTC_BOOTSTRAP=1 lets cargo-fuzz
# pass the nightly flags it needs (-Zsanitizer=address and the coverage instrumentation).
set -euo pipefail
usage="usage: scripts/fuzz.sh hcl|tf_json|plan|eval SECONDS"
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?$usage}
seconds=${2:?$usage}
case "$target" in hcl | tf_json | plan | eval) ;; *) echo "unknown target: $target; $usage" >&2; exit 2 ;; esac
[[ $seconds =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 2; }
seed_docs=${KEYMGMT_SEEDS:-$root/../shared/seeds}

seeds="$root/fuzz/corpus/$target-seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$root/fuzz/corpus/$target" "$root/fuzz/artifacts/$target" "$root/fuzz/logs"
copy() { # copy FILES... into the seed directory under unique names
  local f
  for f in "$@"; do cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done
}
cd "$root"
case "$target" in
  hcl)
    copy $(find tests/fixtures examples -type f \( -name '*.tf' -o -name '*.tfvars' \) | sort)
    copy $(find tests/fuzz/hcl -type f | sort)
    # Multi-file modules as one input: their .tf files, then the tfvars after the separator line
    # the hcl target splits on, so cross-file references and variable values are seeded too.
    while read -r dir; do
      name="module_$(echo "$dir" | tr '/' '_')"
      cat "$dir"/*.tf >"$seeds/$name"
      if compgen -G "$dir/*.tfvars" >/dev/null; then
        printf '\n#--tfvars--\n' >>"$seeds/$name"
        cat "$dir"/*.tfvars >>"$seeds/$name"
      fi
    done < <(find tests/fixtures examples -type f \( -name '*.tf' -o -name '*.tfvars' \) -printf '%h\n' |
      sort | uniq -c | awk '$1 > 1 { print $2 }')
    # The HCL examples of the seed documents, one input per fenced block.
    if compgen -G "$seed_docs/*.txt" >/dev/null; then
      python3 - "$seeds" "$seed_docs"/*.txt <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
for doc in map(pathlib.Path, sys.argv[2:]):
    blocks = re.findall(r"```(?:hcl|terraform|tf)\n(.*?)```", doc.read_text(), re.S)
    for i, block in enumerate(blocks):
        (out / f"seed_{doc.stem}_{i}.tf").write_text(block)
PY
    else
      echo "fuzz: no seed documents in $seed_docs (set KEYMGMT_SEEDS)" >&2
    fi
    ;;
  tf_json)
    copy $(find tests/fixtures examples -type f \( -name '*.tf.json' -o -name '*.tfvars.json' \) | sort)
    copy $(find tests/fuzz/tf_json -type f | sort)
    ;;
  plan) copy $(find tests/plans tests/fuzz/plan -type f | sort) ;;
  # Expressions, one per line (eval_module in fuzz/fuzz_targets/common.rs): the kept inputs, and
  # the values of every `locals` entry of the fixtures, one file per fixture.
  eval)
    copy $(find tests/fuzz/eval -type f | sort)
    for f in $(find tests/fixtures examples -type f -name '*.tf' | sort); do
      sed -n '/^locals {/,/^}/{/^  [a-z_0-9]* *= /s/^  [a-z_0-9]* *= //p}' "$f" >"$seeds/locals_$(echo "$f" | tr '/' '_')"
    done
    # Terraform's documented function examples, one expression per line.
    for f in tests/functions/*.tf; do
      sed -n 's/^  expr *= //p' "$f" >"$seeds/functions_$(basename "$f" .tf)"
    done
    find "$seeds" -type f -empty -delete
    ;;
esac
echo "fuzz: $(find "$seeds" -type f | wc -l) seed inputs for $target"

cd "$root/fuzz"
log="logs/$target-$(date +%Y%m%dT%H%M%S).log"
echo "fuzz: log in fuzz/$log"
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" "corpus/$target-seeds" -- \
  -max_total_time="$seconds" -dict="dict/$target.dict" -rss_limit_mb=2048 -timeout=10 \
  -max_len=65536 -print_final_stats=1 2>&1 | tee "$log"
