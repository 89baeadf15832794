// The seed's side of rejviz's first boot (--seed-first-boot; the template's unit is
// first-boot-template.ts): when the final user-data asks only for what this file knows how to
// do, the seed also gets a POSIX sh script, rendered here, that does it without cloud-init: the
// host name, the users with their keys, sudo rule and password hash, the ssh host keys, files,
// and the NICs renamed by MAC with plugin-nic's files for the stack the guest runs. Anything
// else in the user-data (packages, runcmd, a default user...) is cloud-init's, and the seed is
// left to it whole. The script holds no secret: keys, hashes and file contents are in the
// seed's tar archives (one per network format) and data files.
import { FIRST_BOOT_NOT_APPLICABLE as NOT_APPLICABLE, type ManifestNic, type SeedFile } from '@rejviz/core';
import { FORMATS, network } from './first-boot-network.js';
import { place, q, Script } from './first-boot-script.js';
import { SEED_INSTANCE_ID, SEED_SCRIPT } from './first-boot-template.js';
import { readWanted, Unsupported, type Wanted } from './first-boot-wanted.js';
import { ustar } from './ustar.js';

export interface FirstBootInput {
  /** The user-data as the seed has it (#cloud-config). */
  userData: string;
  instanceId: string;
  hostname: string;
  /** The image's NICs, named and bound to MACs (the seed's network-config describes the same). */
  nics: readonly ManifestNic[];
}

/** The seed files to add, or why the seed is left to cloud-init. */
export type FirstBootSeed = { files: SeedFile[] } | { why: string };

// The root file system grows to the disk, as cloud-init's growpart and resizefs modules would,
// when the disk has room after its partition (a machine with a disk: larger than its template).
// Found with builtins (mountinfo, sysfs); growpart runs only when there is room.
const GROW_ROOT = [
  'root_dev=',
  // mountinfo(5): ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
  'while read -r _ _ _ _ mp _ rest; do if [ "$mp" = / ]; then rest=" $rest"; rest=${rest#* - }; rest=${rest#* }; root_dev=${rest%% *}; fi; done < /proc/self/mountinfo',
  'part=${root_dev##*/}',
  'if [ -n "$part" ] && [ -r "/sys/class/block/$part/partition" ]; then',
  '  read -r num < "/sys/class/block/$part/partition"; read -r start < "/sys/class/block/$part/start"; read -r size < "/sys/class/block/$part/size"',
  '  for d in /sys/class/block/*; do if [ -e "$d/$part" ]; then disk=${d##*/}; fi; done',
  '  read -r disk_size < "/sys/class/block/$disk/size"',
  '  if [ $(( disk_size - start - size )) -gt 2048 ]; then',
  '    if command -v growpart >/dev/null 2>&1; then',
  '      # As cloud-init\'s modules: a failed grow is reported, and the machine goes on with its size.',
  '      if growpart "/dev/$disk" "$num"; then',
  '        resize2fs "$root_dev" 2>/dev/null || xfs_growfs / || echo "the root file system could not be grown"',
  '        say "root file system grown to the disk"',
  '      else',
  '        echo "growpart /dev/$disk $num failed: the root file system keeps its size"',
  '      fi',
  '    else',
  '      echo "the disk has room the root file system does not use: growpart (cloud-guest-utils) is not in the guest"',
  '    fi',
  '  fi',
  'fi',
];

// Users are looked up in /etc/passwd with the read builtin (rejviz's users are local ones).
const USER_LOOKUP = 'user_home() { home=; gid=; while IFS=: read -r n _ _ g _ h _; do if [ "$n" = "$1" ]; then home=$h; gid=$g; return 0; fi; done < /etc/passwd; return 1; }';

/** The script that applies `wanted` and the NICs; the data files it reads and the files it puts in place. */
function renderScript(wanted: Wanted, input: FirstBootInput): Script {
  const s = new Script();
  s.check('command -v tar >/dev/null 2>&1 || need "tar to put the files in place"');
  if (wanted.users.length > 0) s.check('for c in useradd usermod install; do command -v $c >/dev/null 2>&1 || need "$c to create the users"; done');
  if (wanted.users.some((u) => u.hash !== undefined)) s.check('command -v chpasswd >/dev/null 2>&1 || need "chpasswd to set a password hash"');
  const { afterFiles } = network(s, input.nics);

  s.add(`echo ${q(input.hostname)} > /etc/hostname`, `echo ${q(input.hostname)} > /proc/sys/kernel/hostname`, `say "host name: ${input.hostname}"`);
  if (wanted.manageHosts) {
    // cloud-init's manage_etc_hosts: the host name resolves (sudo asks for it), on 127.0.1.1 as
    // Debian has it; the file rewritten by builtins.
    s.add(
      'hosts=',
      'if [ -f /etc/hosts ]; then while IFS= read -r l || [ -n "$l" ]; do case "$l" in 127.0.1.1|127.0.1.1[[:space:]]*) ;; *) hosts="$hosts$l',
      '" ;; esac; done < /etc/hosts; fi',
      `printf '%s127.0.1.1 %s\\n' "$hosts" ${q(input.hostname)} > /etc/hosts`,
    );
  }
  // The files other configurations left (network, the image's host keys) go in one rm.
  const keyGlob = wanted.hostKeys !== null && wanted.hostKeys.length > 0 && wanted.deleteKeys ? ' /etc/ssh/ssh_host_*key*' : '';
  s.add(`if [ -n "\${competing:-}" ] || [ -n ${q(keyGlob)} ]; then rm -f \${competing:-}${keyGlob}; fi`);
  if (wanted.hostKeys === null && wanted.deleteKeys) {
    // No host keys given: as cloud-init's ssh module does for a new instance, the image's keys
    // go and new ones are made (a sysprepped template has none, and sshd needs them).
    s.add('rm -f /etc/ssh/ssh_host_*key*', 'if command -v ssh-keygen >/dev/null 2>&1; then ssh-keygen -A; fi', 'say "ssh host keys: made anew"');
  }
  if (wanted.hostKeys !== null) {
    for (const k of wanted.hostKeys) {
      place(s, `/etc/ssh/ssh_host_${k.type}_key`, withNewline(k.privateKey), 'root:root', '0600');
      place(s, `/etc/ssh/ssh_host_${k.type}_key.pub`, withNewline(k.publicKey), 'root:root', '0644');
    }
  }
  if (wanted.users.length > 0) s.add(USER_LOOKUP);
  const sudoers: string[] = [];
  const keys: string[] = [];
  for (const u of wanted.users) {
    const name = q(u.name);
    // A user made here starts with its password locked (useradd's "!"); one that was there is locked as cloud-init would.
    s.add(`if user_home ${name}; then made=0; else useradd -m ${u.shell ? `-s ${q(u.shell)} ` : ''}${name}; made=1; fi`);
    if (u.hash !== undefined) s.add(`chpasswd -e < ${s.file(`${u.name}:${u.hash}\n`)}`);
    else if (u.lockPassword) s.add(`if [ $made = 0 ]; then usermod -L ${name}; fi`);
    if (u.keys.length > 0) {
      // In the user's home, which only the guest knows: after the archive, two processes.
      const file = s.file(u.keys.map((k) => `${k.trim()}\n`).join(''));
      keys.push(
        `user_home ${name}`,
        `install -d -m 0700 -o ${name} -g "$gid" "$home/.ssh"`,
        `if [ -e "$home/.ssh/authorized_keys" ]; then cat ${file} >> "$home/.ssh/authorized_keys"; else install -m 0600 -o ${name} -g "$gid" ${file} "$home/.ssh/authorized_keys"; fi`,
      );
    }
    if (u.sudo !== undefined) sudoers.push(`${u.name} ${u.sudo}`);
    s.add(`say "user: ${u.name}"`);
  }
  if (sudoers.length > 0) place(s, '/etc/sudoers.d/90-rejviz-users', `# Written by rejviz-up's first boot.\n${sudoers.join('\n')}\n`, 'root:root', '0440');
  const appended: string[] = [];
  for (const f of wanted.files) {
    if (f.append) {
      // cloud-init's append: true: the file may have content of its own.
      const dir = f.path.slice(0, f.path.lastIndexOf('/')) || '/';
      appended.push(`mkdir -p ${q(dir)}`, `cat ${s.file(f.content)} >> ${q(f.path)}`, `chown ${q(f.owner)} ${q(f.path)}`, `chmod ${f.permissions} ${q(f.path)}`);
    } else {
      place(s, f.path, f.content, f.owner, f.permissions);
    }
  }
  // Every file in place at once, owners and modes as the archive has them (its users exist now).
  s.add(input.nics.length > 0 ? 'files="$seed/rejviz-files-$format.tar"' : 'files="$seed/rejviz-files.tar"', 'tar -x -f "$files" -C /');
  s.add(`say ${q(`files: ${[...s.files.map((f) => f.path), ...wanted.files.filter((f) => f.append).map((f) => f.path)].join(' ')}`)}`);
  s.add(...keys, ...appended, ...afterFiles, ...GROW_ROOT);
  return s;
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

// The script's head: its checks come first, and exit NOT_APPLICABLE before anything is changed.
function scriptText(s: Script, instanceId: string): string {
  return [
    '#!/bin/sh',
    `# rejviz-up first boot for instance ${instanceId}: run by /usr/lib/rejviz/first-boot with the mounted seed as $1.`,
    `# Exit ${NOT_APPLICABLE}: the guest lacks what it needs, nothing was changed, cloud-init applies the seed.`,
    'set -eu',
    'seed=$1',
    `need() { echo "needs $*"; exit ${NOT_APPLICABLE}; }`,
    // Each step's line starts with the seconds since the guest's kernel started (a builtin read: no process).
    'say() { read -r up _ < /proc/uptime; echo "[$up] $*"; }',
    // Once something has changed, a command that happens to exit ${NOT_APPLICABLE} must not read as "nothing changed".
    `changing=0; trap 'rc=$?; if [ $rc -eq ${NOT_APPLICABLE} ] && [ $changing = 1 ]; then exit 1; fi' EXIT`,
    ...s.checks,
    'changing=1',
    'say "checks passed"',
    ...s.lines,
    '',
  ].join('\n');
}

/** The first-boot files for the seed, or why the seed is left to cloud-init. */
export function firstBootSeed(input: FirstBootInput): FirstBootSeed {
  try {
    const s = renderScript(readWanted(input.userData, input.hostname), input);
    // One archive per network format (the script extracts its stack's), or one without NICs.
    const archives = input.nics.length > 0 ? FORMATS.map((format) => ({ name: `rejviz-files-${format}.tar`, files: [...s.files, ...(s.formatFiles.get(format) ?? [])] })) : [{ name: 'rejviz-files.tar', files: s.files }];
    return {
      files: [
        { name: SEED_INSTANCE_ID, content: `${input.instanceId}\n` },
        { name: SEED_SCRIPT, content: scriptText(s, input.instanceId) },
        ...s.data,
        ...archives.map((a) => ({ name: a.name, content: ustar(a.files), shown: `(tar of ${a.files.map((f) => f.path).join(' ')}; not shown)` })),
      ],
    };
  } catch (error) {
    if (error instanceof Unsupported) return { why: error.message };
    throw error;
  }
}
