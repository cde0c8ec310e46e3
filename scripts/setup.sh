#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for AutoLR, and no more than the purpose needs:
#   bash scripts/setup.sh        (or `main`) the main job: the Fashion-MNIST data package (dataset-fashion-mnist)
#   bash scripts/setup.sh tests  the tests besides: Debian's PyTorch (python3-torch, python3-torchvision), against
#                                which the tests check that exported weights load exactly, and Slurm with munge
#                                (slurm-wlm, munge), on which the sweep tests run a real single-node cluster
# The .NET SDK 10 is assumed present; NuGet packages are restored by the build itself.
set -euo pipefail

case "${1:-main}" in
  main) for_tests=false ;;
  tests) for_tests=true ;;
  *) echo "usage: bash scripts/setup.sh [main|tests]" >&2; exit 2 ;;
esac

need_apt=()
[ -d /usr/share/datasets/fashion-mnist ] || need_apt+=(dataset-fashion-mnist)
if $for_tests; then
  # Debian's own python3 (not one earlier on PATH, e.g. pyenv's): the tests run /usr/bin/python3.
  /usr/bin/python3 -c 'import torch, torchvision' >/dev/null 2>&1 || need_apt+=(python3-torch python3-torchvision)
  { [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && command -v sbatch >/dev/null; } || need_apt+=(slurm-wlm)
  [ -x /usr/sbin/munged ] || need_apt+=(munge)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET SDK 10 is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2; exit 1; }
