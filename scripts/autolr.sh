#!/usr/bin/env bash
# Sets up a fresh machine, builds the `autolr` command and runs it; with no arguments it runs the main job
# (`autolr run` on the embedded default: Fashion-MNIST and the ImageNet ResNet-18). Arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
dotnet build src/AutoLR.Host -c Release -nologo -v quiet
exec dotnet src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll "${@:-run}"
