# bash completion for the rejviz commands (docs/completion.md). The command works out the
# candidates itself (its hidden --complete entry point, packages/cli/src/completion); this
# function only hands it the line and hands bash the answer. scripts/host-setup installs it as
# /usr/share/bash-completion/completions/NAME for each command.
_rejviz() {
  local cur=${2-}
  local -a lines
  COMPREPLY=()
  mapfile -t lines < <("$1" --complete bash "$cur" "${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
  # No answer (the command is missing or failed): file names, as bash offers without this function.
  [[ ${#lines[@]} -gt 0 ]] || lines=(files)
  [[ " ${lines[0]} " == *' nospace '* ]] && compopt -o nospace 2>/dev/null
  if [[ " ${lines[0]} " == *' files '* ]]; then
    # bash-completion's _filedir knows quoting and ~; plain compgen where it is not loaded.
    if declare -F _filedir >/dev/null; then
      _filedir
    else
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
  else
    COMPREPLY=("${lines[@]:1}")
  fi
  return 0
}
complete -F _rejviz rejviz-builder rejviz-customize rejviz-sysprep rejviz-install rejviz-peek rejviz-up
