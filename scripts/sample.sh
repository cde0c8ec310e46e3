#!/usr/bin/env bash
# Builds and runs samples/OwnLoop as a user would: against the AutoLR packages, not the repository's projects. Packs
# AutoLR.Algorithms and AutoLR.Torch into a temporary folder, builds a copy of the sample there with a NuGet.config
# whose sources are that folder and nuget.org, and runs it: by default one epoch on 100 images per class at 32 px
# (a few minutes on two cores). Arguments pass to the sample and override those defaults, e.g.
#   bash scripts/sample.sh --epochs 3 --images-per-class 1000 --image-size 64 --trace /tmp/trace.jsonl
# The packages get a version of their own (0.1.0-local.<time>), so the NuGet cache never serves an older pack; the
# script removes them from the cache when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
work=$(mktemp -d)
version="0.1.0-local.$(date +%s%N)"
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
cleanup() {
  rm -rf "$work" "$cache/autolr.algorithms/$version" "$cache/autolr.torch/$version"
  rmdir --ignore-fail-on-non-empty "$cache/autolr.algorithms" "$cache/autolr.torch" 2>/dev/null || true
}
trap cleanup EXIT

# Built under the temporary folder (artifacts layout), so the repository's own bin/ and obj/ stay as they are.
for project in src/AutoLR.Algorithms/AutoLR.Algorithms.fsproj src/AutoLR.Torch/AutoLR.Torch.csproj; do
  dotnet pack "$project" -c Release -nologo -v quiet -o "$work/packages" \
    -p:Version="$version" -p:UseArtifactsOutput=true -p:ArtifactsPath="$work/artifacts/"
done

cp -r samples/OwnLoop "$work/sample"
rm -rf "$work/sample/bin" "$work/sample/obj"
cat > "$work/sample/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="autolr-packed" value="$work/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
dotnet build "$work/sample/OwnLoop.csproj" -c Release -nologo -v quiet -p:AutoLrVersion="$version"
dotnet "$work/sample/bin/Release/net10.0/linux-x64/OwnLoop.dll" --epochs 1 --images-per-class 100 --image-size 32 "$@"
