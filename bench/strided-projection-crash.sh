#!/usr/bin/env bash
# Reproduces, on any x86-64 CPU, the SIGFPE libtorch 2.10's oneDNN raises on CPUs that misreport their caches, and
# checks that --strided-projection subsampled avoids it. Each case is one tiny fine-tune run under gdb with oneDNN's
# per-core cache estimate (dnnl::impl::cpu::platform::get_per_core_cache_size) forced to 1 byte — what an AMD guest
# without the CPUID cache leaf (no topoext) reads — and prints whether the process finished or died, and where.
#   bash bench/strided-projection-crash.sh [WEIGHTS_DIR]
# WEIGHTS_DIR holds torchvision weights as NAME.safetensors (default: made with Debian's torchvision, random weights;
# the crash depends on shapes, not values). Needs gdb and a Release build. About 1–3 min per case on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."
autolr=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll
[ -f "$autolr" ] || { echo "build first: dotnet build AutoLR.sln -c Release" >&2; exit 1; }
command -v gdb >/dev/null || { echo "needs gdb (apt-get install gdb)" >&2; exit 1; }
weights=${1:-$(mktemp -d)}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

for name in resnet18 resnet34 resnet50 resnet101 inception-v3; do
  [ -f "$weights/$name.safetensors" ] && continue
  /usr/bin/python3 - "$name" "$weights/$name.safetensors" <<'PY'
import sys, torch, torchvision
sys.path.insert(0, "tests/reference")
from torchvision_reference import build, write_safetensors
torch.manual_seed(0)
write_safetensors(sys.argv[2], build(sys.argv[1]).state_dict())
PY
done

cat > "$work/gdb" <<'GDB'
set pagination off
set confirm off
set breakpoint pending on
handle all nostop noprint pass
handle SIGFPE stop print nopass
break _ZN4dnnl4impl3cpu8platform23get_per_core_cache_sizeEi
commands
silent
return (unsigned int)1
continue
end
run
bt 3
GDB

case_() { # backbone path size threads batch
  local b=$1 p=$2 s=$3 t=$4 n=$5 w="" log="$work/case.log"
  [ "$b" = cntk-resnet18 ] || w="--weights $weights/$b.safetensors"
  timeout 1200 gdb -q -batch -x "$work/gdb" --args dotnet "$autolr" finetune --schedule single --backbone "$b" $w --image-size "$s" \
    --images-per-class 4 --batch-size "$n" --threads "$t" --epochs 1 --strided-projection "$p" --output "$work/runs" > "$log" 2>&1
  local result
  if grep -q 'SIGFPE' "$log"; then result="SIGFPE in $(grep -o 'in dnnl::[^ (]*' "$log" | head -1 | cut -c4-)"
  elif grep -q 'finished; results' "$log"; then result="trained"
  else result="other: $(grep -v '^\[' "$log" | tail -1)"; fi
  printf '%-14s %-11s %4s px  threads %s  batch %s  %s\n' "$b" "$p" "$s" "$t" "$n" "$result"
}

for path in direct subsampled; do
  for b in cntk-resnet18 resnet18 resnet34 resnet50 resnet101; do case_ "$b" "$path" 32 1 8; done
  case_ inception-v3 "$path" 75 1 8
  for s in 64 112; do case_ resnet50 "$path" "$s" 2 8; done
  case_ resnet50 "$path" 224 1 4
done
