# Types each argument into an interactive zsh on a pseudo-terminal, presses TAB once, types @ and
# prints the command line that results, as RESULT:<line>@:END (test/support/shell-complete.ts).
# The completion system is zsh's own (compinit), reading #compdef files from $fpath.
zmodload zsh/zpty || exit 3
zpty shell zsh -f -i
zpty -w shell 'PS1="%% "; unsetopt beep; autoload -Uz compinit; compinit -u -D; print RE""ADY'
# Patterns are written so that zle's echo of the typed text cannot match them.
zpty -r -m shell out '*READY*' || exit 3
for line in "$@"; do
  # TAB completes; @ is typed after it (zsh takes back the space it adds after a candidate when
  # an editing key comes next, but not before a character); then ^A and ^E wrap the line in a
  # print, which shows it exactly.
  zpty -w -n shell "${line}"$'\t'"@"$'\x01'"print -r -- 'RES''ULT:"$'\x05'":END'"$'\r'
  zpty -r -m shell out '*RESULT:*:END*' || exit 4
  print -r -- "RESULT:${${out##*RESULT:}%%:END*}:END"
done
zpty -d shell
