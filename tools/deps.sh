#!/bin/sh
# Install what building and testing atgc needs, when it is missing.
#   tools/deps.sh apt   Debian packages (as root: installs; otherwise prints the command)
#                       (openssl and python3 for the tests: certificates made at test time, the pty of init -i)
#   tools/deps.sh npm   the pinned Node toolchain in tools/node (from its lock file)
#   tools/deps.sh corpus  the pinned spec corpus in tools/corpus (oas-examples, GitHub's API)
#   tools/deps.sh protos  the pinned .proto corpus in tools/protos (google-proto-files)
#   tools/deps.sh etcd    etcd's .proto files in tools/etcd (the etcd3 package), for
#                         tests/proto-e2e/etcd.sh (the server is Debian's etcd-server)
#   tools/deps.sh realdb  the real server for make e2e-real: Debian's postgresql,
#                         and @platformatic/db in tools/realdb (from its lock file)
#   tools/deps.sh postgraphile  PostGraphile 4 (with its graphql@15) in
#                         tools/postgraphile, for tests/graphql/postgraphile/e2e.sh
#                         (PostgreSQL comes with `realdb`)
# Idempotent: does nothing when everything is present.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

apt_pkgs="re2c bison protobuf-compiler libprotobuf-dev etcd-server libyaml-dev libtree-sitter-dev libcunit1-dev libpcre2-dev pkg-config gcc make clang libclang-rt-14-dev strace openssl python3"

case "${1:-}" in
apt)
	missing=""
	for p in $apt_pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	[ -z "$missing" ] && exit 0
	if [ "$(id -u)" != 0 ]; then
		echo "atgc needs these Debian packages:$missing" >&2
		echo "install them with: sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
	;;
realdb)
	# PostgreSQL from Debian (its server programs live in
	# /usr/lib/postgresql/N/bin), then the pinned Platformatic DB.
	if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
		if [ "$(id -u)" != 0 ]; then
			echo "make e2e-real needs PostgreSQL: sudo apt-get install -y postgresql" >&2
			exit 1
		fi
		echo "deps: installing postgresql" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# no system-wide "main" cluster (the package would create and start
		# one on port 5432): the tests make their own, throw-away, and stop it
		apt-get install -y -qq --no-install-recommends postgresql-common >&2
		sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
		apt-get install -y -qq --no-install-recommends postgresql >&2
	fi
	if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
		echo "deps: the postgresql package left no postgres user" >&2
		exit 1
	fi
	exec "$0" realdb-npm
	;;
corpus | protos | etcd | npm | realdb-npm | postgraphile)
	# A folder with a package.json and its lock file: `npm ci` when what is
	# installed is not what the lock file says.  --ignore-scripts: nothing
	# here needs an install script (the grammar is compiled by our Makefile
	# from the package's C sources).
	name=node what="the pinned Node toolchain"
	[ "$1" = corpus ] && name=corpus what="the pinned spec corpus"
	[ "$1" = protos ] && name=protos what="the pinned .proto corpus"
	[ "$1" = etcd ] && name=etcd what="etcd's .proto files"
	# Platformatic DB: none of its dependencies has an install script (pg is
	# pure JavaScript), so --ignore-scripts loses nothing
	[ "$1" = realdb-npm ] && name=realdb what="Platformatic DB"
	# PostGraphile: no install scripts either (pg-sql2, graphile-build: JavaScript)
	[ "$1" = postgraphile ] && name=postgraphile what="PostGraphile"
	cd "$here/$name"
	if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.atgc-lock; then
		exit 0
	fi
	echo "deps: installing $what into tools/$name/node_modules" >&2
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
	cp package-lock.json node_modules/.atgc-lock
	;;
*)
	echo "usage: tools/deps.sh apt|npm|corpus|protos|etcd|realdb|postgraphile" >&2
	exit 2
	;;
esac
