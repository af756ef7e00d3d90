# bash completion for atgc (installed by make install into
# $(PREFIX)/share/bash-completion/completions/atgc).
# The options come from `atgc --help` when completion first runs, so they are
# the option table's (driver/options.c) whatever the version installed.
_atgc_options=
_atgc() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	if [ -z "$_atgc_options" ]; then
		_atgc_options=$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -oE '^  -[A-Za-z][A-Za-z0-9-]*' | sed 's/^  //' | grep -v '^-WNAME$')
		_atgc_options="$_atgc_options -Wall -Wextra -Werror -Wno- -Werror= --help=warnings"
	fi
	case $cur in
	-framework=*) mapfile -t COMPREPLY < <(compgen -P "-framework=" -W "jest vitest node" -- "${cur#*=}"); return ;;
	-emit=*) mapfile -t COMPREPLY < <(compgen -P "-emit=" -W "ts ir json help" -- "${cur#*=}"); return ;;
	-x=*) mapfile -t COMPREPLY < <(compgen -P "-x=" -W "openapi graphql proto ir jsonschema help" -- "${cur#*=}"); return ;;
	-proxy=*) mapfile -t COMPREPLY < <(compgen -P "-proxy=" -W "none http://" -- "${cur#*=}"); return ;;
	-gate=*) mapfile -t COMPREPLY < <(compgen -P "-gate=" -W "types none" -- "${cur#*=}"); return ;;
	-log-format=*) mapfile -t COMPREPLY < <(compgen -P "-log-format=" -W "text json" -- "${cur#*=}"); return ;;
	-fdiagnostics-format=*)
		mapfile -t COMPREPLY < <(compgen -P "-fdiagnostics-format=" -W "text json sarif" -- "${cur#*=}"); return ;;
	-*) mapfile -t COMPREPLY < <(compgen -W "$_atgc_options" -- "$cur"); return ;;
	esac
	case $prev in
	-x) mapfile -t COMPREPLY < <(compgen -W "openapi graphql proto ir jsonschema help" -- "$cur"); return ;;
	-framework) mapfile -t COMPREPLY < <(compgen -W "jest vitest node" -- "$cur"); return ;;
	-o | -I | -c | -metrics | -ftime-trace | -MF) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ]; then
		mapfile -t COMPREPLY < <(compgen -W "validate init doctor help" -- "$cur")
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
	fi
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}
complete -o filenames -F _atgc atgc
