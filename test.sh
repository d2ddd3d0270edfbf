#!/usr/bin/env bash
# Runs every test of the solution. The native test plugins (tests/native-plugins) are compiled by the build itself;
# the npm test servers (s3rver, started by the tests on 127.0.0.1) are installed here when missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x tests/servers/node_modules/.bin/s3rver ]; then
  (cd tests/servers && npm ci --no-audit --no-fund --loglevel=error)
fi
exec dotnet test Falco.Actors.sln --nologo "$@"
