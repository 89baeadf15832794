// The template's side of rejviz's first boot (docs/up.md, "first boot without cloud-init"): a
// small systemd unit that runs before sysinit.target, the network and sshd. When the NoCloud seed
// it finds holds rejviz's first-boot files (--seed-first-boot, first-boot-seed.ts), it runs the
// seed's script once per instance-id and has the cloud-init units skip this boot (one
// ExecCondition each): under TCG, cloud-init's Python on sshd's critical path costs about 8 s
// (docs/benchmarks.md, issue 14). A seed without those files (user-data that only cloud-init
// can apply) leaves cloud-init to do its work as before. POSIX sh and util-linux only: the
// script must run before anything but the root file system is up.
import { FIRST_BOOT_CONSOLE_PREFIX as CONSOLE_PREFIX, FIRST_BOOT_LOG, FIRST_BOOT_NOT_APPLICABLE as NOT_APPLICABLE, FIRST_BOOT_RESULT } from '@rejviz/core';

/** Where the template keeps the script; the unit runs it. */
export const FIRST_BOOT_SCRIPT = '/usr/lib/rejviz/first-boot';
export const FIRST_BOOT_UNIT = 'rejviz-first-boot.service';
/** The seed's files (flat: an ISO 9660 seed has no need of directories). */
export const SEED_SCRIPT = 'rejviz-first-boot.sh';
export const SEED_INSTANCE_ID = 'rejviz-instance-id';
/** Present while this boot's seed was applied by the unit: the cloud-init units skip. */
export const SKIP_CLOUD_INIT = '/run/rejviz/skip-cloud-init';
/** The instance-id applied last, so a reboot does not apply the seed again. */
const STATE = '/var/lib/rejviz/first-boot';

// The seed is found as cloud-init's ds-identify finds it (blkid, its cache bypassed): the label
// cidata or CIDATA on any block device. The debian-12 fixture's initramfs loads sr_mod and isofs
// for exactly that, and ds-identify runs earlier still, as a generator.
const SCRIPT = `#!/bin/sh
# Written by rejviz-up (plugin-cloud-init's first-boot-template.ts): applies a lab seed's
# ${SEED_SCRIPT} once per instance-id, before the network and sshd start. Few processes:
# under TCG each costs 80-250 ms; files are read with the read builtin.
set -- $(blkid -c /dev/null -o device -t LABEL=cidata 2>/dev/null)
dev=\${1:-}
[ -n "$dev" ] || exit 0
out=/run/rejviz
mnt=$out/seed
mkdir -p "$mnt" || exit 1
if ! mount -t iso9660 -o ro "$dev" "$mnt" 2>"$out/mount.err"; then
  why=; read -r why < "$out/mount.err" || :
  echo "${CONSOLE_PREFIX} could not mount the seed $dev ($why): cloud-init applies it"
  exit 0
fi
if [ ! -f "$mnt/${SEED_SCRIPT}" ]; then
  umount "$mnt"
  exit 0
fi
id=; read -r id < "$mnt/${SEED_INSTANCE_ID}" || :
last=; read -r last 2>/dev/null < ${STATE}/instance-id || :
if [ -n "$id" ] && [ "$id" = "$last" ]; then
  umount "$mnt"
  : > ${SKIP_CLOUD_INIT}
  printf 'exit 0\\ninstance-id %s\\napplied at an earlier boot\\n' "$id" > ${FIRST_BOOT_RESULT}
  exit 0
fi
sh "$mnt/${SEED_SCRIPT}" "$mnt" > ${FIRST_BOOT_LOG} 2>&1
rc=$?
umount "$mnt"
line=
while read -r l; do line=$l; done < ${FIRST_BOOT_LOG}
if [ "$rc" -eq 0 ]; then
  [ -d ${STATE} ] || mkdir -p ${STATE}
  printf '%s\\n' "$id" > ${STATE}/instance-id
  : > ${SKIP_CLOUD_INIT}
  echo "${CONSOLE_PREFIX} applied the seed of instance $id"
elif [ "$rc" -eq ${NOT_APPLICABLE} ]; then
  echo "${CONSOLE_PREFIX} nothing changed, cloud-init applies the seed: $line"
else
  : > ${SKIP_CLOUD_INIT}
  echo "${CONSOLE_PREFIX} failed (exit $rc): $line"
fi
# One write: a reader that sees the file sees all of it.
printf 'exit %s\\ninstance-id %s\\n' "$rc" "$id" > ${FIRST_BOOT_RESULT}
exit "$rc"
`;

// Ordered where cloud-init-local.service is (after the root file system is writable, before
// sysinit.target and network-pre.target), and before cloud-init-local itself so that its
// ExecCondition sees this boot's mark; /home and /var/lib may be mounts of their own.
const UNIT = `# Written by rejviz-up (plugin-cloud-init's first-boot-template.ts).
[Unit]
Description=rejviz-up lab machine first boot
DefaultDependencies=no
Wants=network-pre.target
After=systemd-remount-fs.service
RequiresMountsFor=/etc /home /var/lib
Before=sysinit.target network-pre.target shutdown.target cloud-init-local.service systemd-networkd.service NetworkManager.service networking.service ssh.service sshd.service systemd-user-sessions.service
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${FIRST_BOOT_SCRIPT}
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=sysinit.target
`;

// Debian 12's cloud-init (22.4) units have no condition of their own on a disabled mark; an
// ExecCondition (a shell, not Python) skips each when this boot's seed was applied by the unit.
const CLOUD_INIT_UNITS = ['cloud-init-local.service', 'cloud-init.service', 'cloud-config.service', 'cloud-final.service'];
const SKIP_DROP_IN = [
  '# Written by rejviz-up (plugin-cloud-init first-boot-template.ts): skipped when rejviz-first-boot.service',
  '# applied this boot\'s seed.',
  '[Service]',
  `ExecCondition=/bin/sh -c '! test -e ${SKIP_CLOUD_INIT}'`,
].join('\n');

/** The shell command (virt-customize --run-command) that installs the unit; only where systemd is. */
export function firstBootInstallCommand(): string {
  const dir = '/etc/systemd/system';
  return [
    '# rejviz-up lab template: first boot without cloud-init (docs/up.md); only where systemd is',
    `if [ -d ${dir} ] && [ -d /usr/lib ]; then`,
    'mkdir -p /usr/lib/rejviz',
    `cat > ${FIRST_BOOT_SCRIPT} <<'REJVIZ_FIRST_BOOT'`,
    SCRIPT.trimEnd(),
    'REJVIZ_FIRST_BOOT',
    `chmod 0755 ${FIRST_BOOT_SCRIPT}`,
    `cat > ${dir}/${FIRST_BOOT_UNIT} <<'REJVIZ_FIRST_BOOT'`,
    UNIT.trimEnd(),
    'REJVIZ_FIRST_BOOT',
    `mkdir -p ${dir}/sysinit.target.wants`,
    `ln -sf ../${FIRST_BOOT_UNIT} ${dir}/sysinit.target.wants/${FIRST_BOOT_UNIT}`,
    ...CLOUD_INIT_UNITS.flatMap((unit) => [
      `mkdir -p ${dir}/${unit}.d`,
      `cat > ${dir}/${unit}.d/60-rejviz-first-boot.conf <<'REJVIZ_FIRST_BOOT'`,
      SKIP_DROP_IN,
      'REJVIZ_FIRST_BOOT',
    ]),
    'fi',
  ].join('\n');
}
