#!/usr/bin/env bash
# Runs every test of the solution. The native test plugins (plugins/native) are compiled by the build itself.
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet test Falco.Actors.sln --nologo "$@"
