// The seed's side of rejviz's first boot (--seed-first-boot; the template's unit is
// first-boot-template.ts): when the final user-data asks only for what this file knows how to
// do, the seed also gets a POSIX sh script, rendered here, that does it without cloud-init: the
// host name, the users with their keys, sudo rule and password hash, the ssh host keys, files,
// and the NICs renamed by MAC with plugin-nic's files for the stack the guest runs. Anything
// else in the user-data (packages, runcmd, a default user...) is cloud-init's, and the seed is
// left to it whole. The script holds no secret: keys, hashes and file contents are files of
// their own in the seed, copied into place.
import { FIRST_BOOT_NOT_APPLICABLE as NOT_APPLICABLE, quoteArg, type ManifestNic, type SeedFile } from '@rejviz/core';
import { checkManifestNics } from '@rejviz/core/nic';
import { competingFiles, eniMainFileCommand, renderCloudInitDisable, renderNics, type GuestFile, type NicFormat, type NicSpec } from '@rejviz/plugin-nic';
import { parse } from 'yaml';
import { SEED_INSTANCE_ID, SEED_SCRIPT } from './first-boot-template.js';

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

const HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'] as const;
const USER_KEYS = new Set(['name', 'shell', 'lock_passwd', 'hashed_passwd', 'sudo', 'ssh_authorized_keys']);
const FILE_KEYS = new Set(['path', 'content', 'owner', 'permissions', 'append', 'defer']);
const TOP_KEYS = new Set(['hostname', 'users', 'ssh_keys', 'ssh_deletekeys', 'disable_root', 'write_files', 'manage_etc_hosts']);
// The formats plugin-nic renders, in the order the guest's script tries them (first-boot's
// detection follows plugin-nic's formatForGuest: the enabled stack wins).
const FORMATS: readonly NicFormat[] = ['keyfile', 'ifcfg', 'netplan', 'networkd', 'eni'];

interface User {
  name: string;
  shell?: string;
  lockPassword: boolean;
  hash?: string;
  sudo?: string;
  keys: string[];
}

interface WriteFile {
  path: string;
  content: string;
  owner: string;
  permissions: string;
  append: boolean;
}

interface Wanted {
  users: User[];
  hostKeys: { type: string; privateKey: string; publicKey: string }[] | null;
  deleteKeys: boolean;
  files: WriteFile[];
  manageHosts: boolean;
}

class Unsupported extends Error {}
const no = (why: string): never => {
  throw new Unsupported(why);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : no(`${what} is not a string`));
const bool = (v: unknown, what: string, fallback: boolean): boolean => (v === undefined ? fallback : typeof v === 'boolean' ? v : no(`${what} is not true or false`));
const only = (o: Record<string, unknown>, keys: Set<string>, what: string) => {
  const other = Object.keys(o).find((k) => !keys.has(k));
  if (other !== undefined) no(`${what} has ${other}`);
};

function readUsers(value: unknown): User[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return no('users is not a list');
  return value.map((u, i) => {
    if (!isObject(u)) return no(`users[${i}] is not a user's settings (the default user is cloud-init's)`);
    only(u, USER_KEYS, `users[${i}]`);
    const name = str(u.name, `users[${i}].name`);
    if (!/^[a-z_][a-z0-9_-]*$/.test(name)) no(`users[${i}].name ${name} is not a plain user name`);
    const keys = u.ssh_authorized_keys === undefined ? [] : Array.isArray(u.ssh_authorized_keys) ? u.ssh_authorized_keys.map((k, j) => str(k, `users[${i}].ssh_authorized_keys[${j}]`)) : no(`users[${i}].ssh_authorized_keys is not a list`);
    const sudo = u.sudo === undefined || u.sudo === false || u.sudo === null ? undefined : str(u.sudo, `users[${i}].sudo`);
    if (sudo !== undefined && /[\r\n]/.test(sudo)) no(`users[${i}].sudo is more than one line`);
    return {
      name, keys,
      ...(u.shell !== undefined && { shell: str(u.shell, `users[${i}].shell`) }),
      // cloud-init locks the password unless told not to (cc_users_groups).
      lockPassword: bool(u.lock_passwd, `users[${i}].lock_passwd`, true),
      ...(u.hashed_passwd !== undefined && { hash: str(u.hashed_passwd, `users[${i}].hashed_passwd`) }),
      ...(sudo !== undefined && { sudo }),
    };
  });
}

function readHostKeys(value: unknown): Wanted['hostKeys'] {
  if (value === undefined) return null;
  if (!isObject(value)) return no('ssh_keys is not a map');
  const keys = HOST_KEY_TYPES.filter((t) => value[`${t}_private`] !== undefined || value[`${t}_public`] !== undefined).map((type) => ({
    type, privateKey: str(value[`${type}_private`], `ssh_keys.${type}_private`), publicKey: str(value[`${type}_public`], `ssh_keys.${type}_public`),
  }));
  only(value, new Set(keys.flatMap((k) => [`${k.type}_private`, `${k.type}_public`])), 'ssh_keys');
  return keys;
}

function readFiles(value: unknown): WriteFile[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return no('write_files is not a list');
  return value.map((f, i) => {
    if (!isObject(f)) return no(`write_files[${i}] is not a file`);
    only(f, FILE_KEYS, `write_files[${i}]`);
    const path = str(f.path, `write_files[${i}].path`);
    if (!path.startsWith('/') || /[\n\r]/.test(path)) no(`write_files[${i}].path is not an absolute path`);
    // An octal number in YAML 1.2 is 0o644; 0644 reads as 644: only the string form is plain.
    const permissions = f.permissions === undefined ? '0644' : str(f.permissions, `write_files[${i}].permissions (as a string)`);
    if (!/^0?[0-7]{3,4}$/.test(permissions)) no(`write_files[${i}].permissions is not an octal mode`);
    const owner = f.owner === undefined ? 'root:root' : str(f.owner, `write_files[${i}].owner`);
    if (!/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$/.test(owner)) no(`write_files[${i}].owner is not USER:GROUP`);
    return { path, content: f.content === undefined ? '' : str(f.content, `write_files[${i}].content`), owner, permissions, append: bool(f.append, `write_files[${i}].append`, false) };
  });
}

/** What the user-data asks for, or throws Unsupported. */
function readWanted(userData: string, hostname: string): Wanted {
  let doc: unknown;
  try {
    doc = parse(userData);
  } catch {
    return no('user-data is not YAML');
  }
  if (doc === null || doc === undefined) doc = {};
  if (!isObject(doc)) return no('user-data is not a map');
  only(doc, TOP_KEYS, 'user-data');
  if (doc.hostname !== undefined && str(doc.hostname, 'hostname') !== hostname) no(`hostname ${String(doc.hostname)} is not the seed's ${hostname}`);
  const manage = doc.manage_etc_hosts;
  if (manage !== undefined && typeof manage !== 'boolean') no(`manage_etc_hosts is ${String(manage)}`);
  bool(doc.disable_root, 'disable_root', true);
  return {
    users: readUsers(doc.users),
    hostKeys: readHostKeys(doc.ssh_keys),
    deleteKeys: bool(doc.ssh_deletekeys, 'ssh_deletekeys', true),
    files: readFiles(doc.write_files),
    manageHosts: manage === true,
  };
}

/**
 * The script's lines with the data files they copy. Under TCG every process the script starts
 * costs 80-250 ms (measured in the debian-12 fixture), so it starts few: shell builtins read
 * files, and one `install` puts each file in place with its owner and mode.
 */
class Script {
  /** Run first: nothing is changed before all of them have passed. */
  readonly checks: string[] = [];
  readonly lines: string[] = [];
  readonly data: SeedFile[] = [];
  /** A seed file holding `content` (named `name` when given); returns the shell word of its path in the mounted seed. */
  file(content: string, name = `rejviz-data-${this.data.length + 1}`): string {
    this.data.push({ name, content, shown: `(${Buffer.byteLength(content)} bytes, not shown)` });
    return `"$seed/${name}"`;
  }
  add(...lines: string[]): void {
    this.lines.push(...lines);
  }
  check(...lines: string[]): void {
    this.checks.push(...lines);
  }
}

const q = quoteArg;

/** install(1)'s owner options for cloud-init's `owner` (USER or USER:GROUP). */
function ownerArgs(owner: string): string {
  const [user, group] = owner.split(':');
  return `-o ${q(user!)}${group ? ` -g ${q(group)}` : ''}`;
}

/** Puts a seed file in place with its owner and mode, its directory made first (one process). */
function place(s: Script, path: string, content: string, owner: string, mode: string, append = false): void {
  if (append) {
    // Appended (cloud-init's append: true): the file may have content of its own.
    s.add(`mkdir -p ${q(path.slice(0, path.lastIndexOf('/')) || '/')}`, `cat ${s.file(content)} >> ${q(path)}`, `chown ${q(owner)} ${q(path)}`, `chmod ${mode} ${q(path)}`);
    return;
  }
  s.add(`install -D -m ${mode} ${ownerArgs(owner)} ${s.file(content)} ${q(path)}`);
}

// The guest's network stack, found as plugin-nic's formatForGuest finds it from an inspection
// (docs/network-formats.md#guest-stack-detection), here from the running guest's own files.
// Builtins only (no process): `.` reads os-release, `[` tests paths.
const DETECT_FORMAT = [
  'has() { for p in "$@"; do [ -e "$p" ] && return 0; done; return 1; }',
  'nic_format() {',
  '  ID= ID_LIKE= VERSION_ID=',
  '  if [ -r /etc/os-release ]; then . /etc/os-release; fi',
  '  major=${VERSION_ID%%.*}; case "$major" in ""|*[!0-9]*) major=0 ;; esac',
  '  if has /usr/sbin/NetworkManager && has /etc/systemd/system/multi-user.target.wants/NetworkManager.service /etc/systemd/system/dbus-org.freedesktop.NetworkManager.service; then',
  '    set -- /usr/lib*/NetworkManager/*/libnm-settings-plugin-ifcfg-rh.so',
  '    if [ -e "$1" ] && [ "$major" -gt 0 ]; then',
  '      case " $ID $ID_LIKE " in',
  '        *" rhel "*|*" centos "*|*" rocky "*|*" almalinux "*|*" ol "*|*" circle "*|*" scientific "*) if [ "$major" -le 8 ]; then format=ifcfg; return; fi ;;',
  '        " fedora "*) if [ "$major" -le 32 ]; then format=ifcfg; return; fi ;;',
  '      esac',
  '    fi',
  '    format=keyfile; return',
  '  fi',
  '  set -- /etc/netplan/*.yaml',
  '  if has /usr/sbin/netplan /lib/netplan/generate /usr/lib/netplan/generate /usr/libexec/netplan/generate && { [ -e "$1" ] || [ "$ID" = ubuntu ]; }; then format=netplan; return; fi',
  '  if has /usr/lib/systemd/systemd-networkd /lib/systemd/systemd-networkd && has /etc/systemd/system/multi-user.target.wants/systemd-networkd.service /etc/systemd/system/dbus-org.freedesktop.network1.service; then format=networkd; return; fi',
  '  if has /sbin/ifup /usr/sbin/ifup && has /etc/network/interfaces; then format=eni; return; fi',
  '  if has /etc/sysconfig/network-scripts/network-functions; then format=ifcfg; return; fi',
  '  format=none',
  '}',
];

// netplan's YAML becomes networkd's or NetworkManager's files through its generator, which
// systemd ran before this unit: it is run again, its C binary (the netplan command is Python).
const NETPLAN_GENERATE = 'for g in /usr/libexec/netplan/generate /usr/lib/netplan/generate /lib/netplan/generate; do if [ -x "$g" ]; then "$g"; break; fi; done';

// Whether /etc/network/interfaces needs plugin-nic's edit (eniMainFileCommand: a stanza of one
// of our NICs, or no source line for interfaces.d), read with builtins: the edit itself starts
// four processes, and a template's file (the fixture's) usually needs none.
const ENI_NEEDS_EDIT = [
  'eni_needs_edit() {',
  '  [ -f /etc/network/interfaces ] || return 0',
  '  src=0',
  '  while read -r w1 w2 rest; do',
  '    case "$w1" in',
  '      auto|allow-*) for n in $w2 $rest; do case " $1 " in *" $n "*) return 0 ;; esac; done ;;',
  '      iface) case " $1 " in *" $w2 "*) return 0 ;; esac ;;',
  '      source|source-directory) case "$w2" in /etc/network/interfaces.d*) src=1 ;; esac ;;',
  '    esac',
  '  done < /etc/network/interfaces',
  '  [ $src = 0 ]',
  '}',
];

function network(s: Script, nics: readonly ManifestNic[]): void {
  if (nics.length === 0) return;
  const specs: NicSpec[] = checkManifestNics(nics.map((n) => ({ ...n })), (m) => no(`the NICs: ${m}`)).map((n) => ({ ...n, macGenerated: false }));
  s.check(
    ...DETECT_FORMAT,
    'nic_format',
    `[ "$format" != none ] || need "a network stack rejviz renders (NetworkManager, netplan, systemd-networkd, ifupdown or initscripts)"`,
    'command -v ip >/dev/null 2>&1 || need "the ip command (iproute2) to name the NICs by MAC"',
  );
  s.add('say "network: $format"');
  // Names by MAC for later boots (udev applies it as each NIC appears), then now: each NIC
  // whose MAC is one of ours and whose name is not goes to a temporary name first, since two
  // may swap names.
  const rules = specs.map((n) => `SUBSYSTEM=="net", ACTION=="add", DRIVERS=="?*", ATTR{address}=="${n.mac}", NAME="${n.name}"\n`).join('');
  place(s, '/etc/udev/rules.d/70-rejviz-net.rules', `# Written by rejviz-up's first boot: NIC names by MAC.\n${rules}`, 'root:root', '0644');
  s.add('nic_now() { for d in /sys/class/net/*; do a=; read -r a < "$d/address" 2>/dev/null || :; if [ "$a" = "$1" ]; then cur=${d##*/}; return 0; fi; done; return 1; }');
  specs.forEach((n, i) => s.add(`if nic_now ${n.mac} && [ "$cur" != ${q(n.name)} ]; then ip link set dev "$cur" down; ip link set dev "$cur" name rjvnic${i}; fi`));
  specs.forEach((n, i) => s.add(`if [ -e /sys/class/net/rjvnic${i} ]; then ip link set dev rjvnic${i} name ${q(n.name)}; say "NIC ${n.mac}: ${n.name} (renamed)"; fi`));
  s.add('case "$format" in');
  for (const format of FORMATS) {
    s.add(`${format})`);
    const competing = competingFiles(format, specs);
    if (competing.length > 0) s.add(`rm -f ${competing.map(q).join(' ')}`);
    const files: GuestFile[] = [...renderNics(format, specs), renderCloudInitDisable()];
    for (const f of files) place(s, f.path, f.content, 'root:root', f.mode.toString(8).padStart(4, '0'));
    if (format === 'eni' && files.some((f) => f.path.startsWith('/etc/network/interfaces.d/'))) {
      s.add(...ENI_NEEDS_EDIT, `if eni_needs_edit ${q(specs.map((n) => n.name).join(' '))}; then ${eniMainFileCommand(specs.map((n) => n.name))}; fi`);
    }
    if (format === 'netplan') s.add(NETPLAN_GENERATE);
    s.add(';;');
  }
  s.add('esac');
}

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

/** The script that applies `wanted` and the NICs; the data files it copies. */
function renderScript(wanted: Wanted, input: FirstBootInput): Script {
  const s = new Script();
  if (wanted.users.length > 0) s.check('for c in useradd usermod getent install; do command -v $c >/dev/null 2>&1 || need "$c to create the users"; done');
  if (wanted.users.some((u) => u.hash !== undefined)) s.check('command -v chpasswd >/dev/null 2>&1 || need "chpasswd to set a password hash"');
  network(s, input.nics);

  s.add(`echo ${q(input.hostname)} > /etc/hostname`, `echo ${q(input.hostname)} > /proc/sys/kernel/hostname`, `say "host name: ${input.hostname}"`);
  if (wanted.manageHosts) {
    // cloud-init's manage_etc_hosts: the host name resolves (sudo asks for it), on 127.0.1.1 as Debian has it.
    s.add(`sed -i '/^127\\.0\\.1\\.1[[:space:]]/d' /etc/hosts 2>/dev/null || true`, `echo ${q(`127.0.1.1 ${input.hostname}`)} >> /etc/hosts`);
  }
  if (wanted.hostKeys !== null && wanted.hostKeys.length > 0) {
    if (wanted.deleteKeys) s.add('rm -f /etc/ssh/ssh_host_*key*');
    // Seed files named as their targets: one install for the private halves, one for the public ones.
    const files = (suffix: string, text: (k: (typeof wanted.hostKeys & object)[number]) => string) =>
      wanted.hostKeys!.map((k) => s.file(withNewline(text(k)), `ssh_host_${k.type}_key${suffix}`)).join(' ');
    s.add(`install -D -m 0600 -o root -g root ${files('', (k) => k.privateKey)} -t /etc/ssh`);
    s.add(`install -m 0644 -o root -g root ${files('.pub', (k) => k.publicKey)} -t /etc/ssh`);
    s.add(`say "ssh host keys: ${wanted.hostKeys.map((k) => k.type).join(', ')}"`);
  }
  const sudoers: string[] = [];
  for (const u of wanted.users) {
    const name = q(u.name);
    // A user made here starts with its password locked (useradd's "!"); one that was there is locked as cloud-init would.
    s.add(`if getent passwd ${name} >/dev/null; then made=0; else useradd -m ${u.shell ? `-s ${q(u.shell)} ` : ''}${name}; made=1; fi`);
    if (u.hash !== undefined) s.add(`chpasswd -e < ${s.file(`${u.name}:${u.hash}\n`)}`);
    else if (u.lockPassword) s.add(`if [ $made = 0 ]; then usermod -L ${name}; fi`);
    if (u.keys.length > 0) {
      const keys = s.file(u.keys.map((k) => `${k.trim()}\n`).join(''));
      s.add(
        `IFS=: read -r _ _ _ gid _ home _ <<REJVIZ_PASSWD\n$(getent passwd ${name})\nREJVIZ_PASSWD`,
        `install -d -m 0700 -o ${name} -g "$gid" "$home/.ssh"`,
        `if [ -e "$home/.ssh/authorized_keys" ]; then cat ${keys} >> "$home/.ssh/authorized_keys"; else install -m 0600 -o ${name} -g "$gid" ${keys} "$home/.ssh/authorized_keys"; fi`,
      );
    }
    if (u.sudo !== undefined) sudoers.push(`${u.name} ${u.sudo}`);
    s.add(`say "user: ${u.name}"`);
  }
  if (sudoers.length > 0) place(s, '/etc/sudoers.d/90-rejviz-users', `# Written by rejviz-up's first boot.\n${sudoers.join('\n')}\n`, 'root:root', '0440');
  for (const f of wanted.files) {
    place(s, f.path, f.content, f.owner, f.permissions, f.append);
    s.add(`say ${q(`file: ${f.path}`)}`);
  }
  s.add(...GROW_ROOT);
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
    return {
      files: [
        { name: SEED_INSTANCE_ID, content: `${input.instanceId}\n` },
        { name: SEED_SCRIPT, content: scriptText(s, input.instanceId) },
        ...s.data,
      ],
    };
  } catch (error) {
    if (error instanceof Unsupported) return { why: error.message };
    throw error;
  }
}
