# Types each argument into an interactive zsh on a pseudo-terminal, presses TAB once, types @ and
# prints the command line that results, as RESULT:<line>@:END (test/support/shell-complete.ts).
# The completion system is zsh's own (compinit), reading #compdef files from $fpath.
# Every wait is bounded (45 s): when the expected text does not come, what the terminal showed
# goes to stderr, so that a failure says what zsh was doing instead of hanging the test.
zmodload zsh/zpty || exit 3
zmodload zsh/datetime || exit 3

# await PATTERN: reads the shell's output into $out until PATTERN matches it.
await() {
  local chunk deadline=$(( EPOCHREALTIME + 45 ))
  out=''
  while (( EPOCHREALTIME < deadline )); do
    if zpty -r -t shell chunk; then
      out+=$chunk
      [[ $out == $~1 ]] && return 0
    else
      sleep 0.05
    fi
  done
  print -r -- "zsh-complete: no ${(q)1} within 45 s; the terminal showed: ${(q)out}" >&2
  return 1
}

zpty shell zsh -f -i
# bindkey -e: the emacs keymap, whose ^A and ^E the lines below use. zsh starts in vi mode when
# $EDITOR or $VISUAL holds "vi", as under `npm test` (npm exports EDITOR=vi): ^A and ^E were then
# typed into the line as text and the result never came.
zpty -w shell 'PS1="%% "; unsetopt beep; bindkey -e; autoload -Uz compinit; compinit -u -D; print RE""ADY'
# Patterns are written so that zle's echo of the typed text cannot match them.
await '*READY*' || exit 3
for line in "$@"; do
  # TAB completes; @ is typed after it (zsh takes back the space it adds after a candidate when
  # an editing key comes next, but not before a character); then ^A and ^E wrap the line in a
  # print, which shows it exactly.
  zpty -w -n shell "${line}"$'\t'"@"$'\x01'"print -r -- 'RES''ULT:"$'\x05'":END'"$'\r'
  await '*RESULT:*:END*' || exit 4
  print -r -- "RESULT:${${out##*RESULT:}%%:END*}:END"
done
zpty -d shell
