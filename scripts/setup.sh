#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for AutoLR: the Fashion-MNIST data package, and Debian's PyTorch
# (python3-torch 1.13.1, python3-torchvision 0.14.1), which the cross-framework tests run as the reference.
# The .NET SDK 10 is assumed present; NuGet packages are restored by the build itself.
set -euo pipefail

need_apt=()
[ -d /usr/share/datasets/fashion-mnist ] || need_apt+=(dataset-fashion-mnist)
# Debian's interpreter, where apt installs torch (a pyenv or venv python3 earlier on PATH does not see it).
/usr/bin/python3 -c 'import torchvision' 2>/dev/null || need_apt+=(python3-torch python3-torchvision)

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET SDK 10 is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2; exit 1; }
