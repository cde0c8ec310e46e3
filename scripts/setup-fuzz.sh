#!/usr/bin/env bash
# Installs what the fuzz run (scripts/fuzz.sh) needs and the main job does not: AFL++ from Debian (afl++) and the
# SharpFuzz.CommandLine .NET tool that instruments assemblies (version pinned in .config/dotnet-tools.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v afl-fuzz >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup-fuzz: installing afl++"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
dotnet tool restore >/dev/null
