#!/bin/sh
# Makes standalone-pathauth.xml in the WildFly at $1: standalone-microprofile.xml with pathauth.cli
# applied, offline (embedded server, nothing listens). Run by -Pwildfly before the tests, each time
# from the pristine file, so it can run again.
set -eu
home=$1
here=$(cd "$(dirname "$0")" && pwd)
cfg=$home/standalone/configuration
cp "$cfg/standalone-microprofile.xml" "$cfg/standalone-pathauth.xml"
script=$home/pathauth-configure.cli
{
  echo "embed-server --server-config=standalone-pathauth.xml --std-out=discard"
  cat "$here/pathauth.cli"
  echo "stop-embedded-server"
} >"$script"
"$home/bin/jboss-cli.sh" --file="$script"
