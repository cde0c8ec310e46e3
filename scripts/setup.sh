#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for AutoLR: the Fashion-MNIST data package, Debian's PyTorch
# (python3-torch, python3-torchvision), against which the tests check that `autolr export` loads exactly, and
# Slurm with munge (slurm-wlm, munge), on which the sweep tests run a real single-node cluster (scripts/slurm/).
# The .NET SDK 10 is assumed present; NuGet packages are restored by the build itself.
set -euo pipefail

need_apt=()
[ -d /usr/share/datasets/fashion-mnist ] || need_apt+=(dataset-fashion-mnist)
# Debian's own python3 (not one earlier on PATH, e.g. pyenv's): the tests run /usr/bin/python3.
/usr/bin/python3 -c 'import torch, torchvision' >/dev/null 2>&1 || need_apt+=(python3-torch python3-torchvision)
{ [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && command -v sbatch >/dev/null; } || need_apt+=(slurm-wlm)
[ -x /usr/sbin/munged ] || need_apt+=(munge)

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET SDK 10 is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2; exit 1; }
