// Stand-ins for the wrapped tools, for the cheap cases of the fault suite (the real tools get one
// case per command elsewhere). A directory of scripts named like the tools goes first on PATH.
// Each answers --help and --version by running the real tool (rejviz reads its option table from
// them), `virt-builder --list` with a one-template catalogue, and otherwise does what FAKE_MODE
// says:
//   ok          succeed (virt-builder writes its -o file first, naming the path it was given)
//   exit:N      print "fake failure" on stderr and exit N
//   signal:SIG  die of SIG
//   hang        start a grandchild (sleep), touch $FAKE_READY, wait: only a signal ends it
//   wait-go     touch $FAKE_READY, wait for $FAKE_GO to exist, then succeed as `ok`
// With FAKE_REAL=1 the tool runs the real one after the mode's wait (virt-install on a test URI).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testRunDir } from './env.js';

export const FAKE_TOOLS = ['virt-builder', 'virt-customize', 'virt-sysprep', 'virt-install', 'guestfish'] as const;

const SCRIPT = (tool: string) => `#!/bin/bash
# Fake ${tool} for rejviz's fault suite (test/support/fake-tools.ts).
real=/usr/bin/${tool}
case "$1" in --help|--version) exec "$real" "$@";; esac
if [ "${tool}" = virt-builder ]; then
  for a in "$@"; do case "$a" in -l|--list)
    echo '{"version":1,"sources":[],"templates":[{"os-version":"tiny-centos7","full-name":"fake","arch":"x86_64","size":67108864,"osinfo":"centos7.0","hidden":false}]}'
    exit 0;; esac; done
fi
out=""
prev=""
for a in "$@"; do
  case "$prev" in -o|--output) out="$a";; esac
  case "$a" in -o?*) out="\${a#-o}";; --output=*) out="\${a#--output=}";; esac
  prev="$a"
done
mode="\${FAKE_MODE:-ok}"
case "$mode" in
  exit:*) echo "fake failure" >&2; exit "\${mode#exit:}";;
  signal:*) kill -"\${mode#signal:}" $$; sleep 5; exit 99;;
  hang) sleep 120 & echo $! > "$FAKE_READY.grandchild"; echo ready > "$FAKE_READY"; wait; exit 98;;
  # Bounded: a test that fails before it says go must not leave a fake polling forever.
  wait-go) echo ready > "$FAKE_READY"; for _ in $(seq 2400); do [ -e "$FAKE_GO" ] && break; sleep 0.05; done
           [ -e "$FAKE_GO" ] || exit 97;;
esac
[ "\${FAKE_REAL:-0}" = 1 ] && exec "$real" "$@"
if [ -n "$out" ]; then echo "fake image written to $out" > "$out"; fi
exit 0
`;

let made: string | undefined;

/** The directory of fake tools (made once per test process). */
export async function fakeToolDir(): Promise<string> {
  if (made) return made;
  const dir = join(testRunDir(), 'fake-tools');
  await mkdir(dir, { recursive: true });
  for (const tool of FAKE_TOOLS) {
    await writeFile(join(dir, tool), SCRIPT(tool));
    await chmod(join(dir, tool), 0o755);
  }
  made = dir;
  return dir;
}

/** PATH with the fake tools first. */
export async function fakePath(): Promise<string> {
  return `${await fakeToolDir()}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}
