// What a lab template's cloud-init is trimmed to (docs/up.md, "cloud-init fast boot"):
// under TCG every cloud-init stage is a Python start of several seconds (docs/benchmarks.md,
// issue 14), so the template runs the modules a lab machine's seed can use, runs the config
// stage's few inside the final stage (whose unit writes result.json), and skips the
// init-network stage when the seed was applied whole in the local one: two Python starts less
// before "finished", one before sshd. Applied as one guarded shell command, so a template
// without cloud-init (or without systemd) is left as it was.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { firstBootInstallCommand } from './first-boot-template.js';

/** The cloud.cfg.d drop-in; after the image's own (the debian-12 fixture's is 90-rejviz.cfg). */
export const FAST_BOOT_DROP_IN = '/etc/cloud/cloud.cfg.d/95-rejviz-fast-boot.cfg';

// Module lists as cloud-init 22.4's /etc/cloud/cloud.cfg names them, minus what a lab machine
// does not use: snap, ssh-import-id, keyboard, locale, grub-dpkg, apt-pipelining,
// apt-configure, ntp, disable-ec2-metadata, byobu, fan, landscape, lxd, puppet, chef,
// mcollective, salt-minion, the rmc and rightscale modules, ssh-authkey-fingerprints,
// keys-to-console (the host keys are pinned on the host), install-hotplug and phone-home.
// set-passwords, timezone and runcmd move from the config stage into the final one, before
// scripts-user runs what runcmd wrote. final-message stays: its console line is what
// plugin-ssh reads when a machine is not ready.
const INIT_MODULES = ['migrator', 'seed_random', 'bootcmd', 'write-files', 'growpart', 'resizefs', 'disk_setup', 'mounts', 'set_hostname', 'update_hostname', 'update_etc_hosts', 'ca-certs', 'rsyslog', 'users-groups', 'ssh'];
const FINAL_MODULES = ['set-passwords', 'timezone', 'runcmd', 'package-update-upgrade-install', 'write-files-deferred', 'scripts-vendor', 'scripts-per-once', 'scripts-per-boot', 'scripts-per-instance', 'scripts-user', 'final-message', 'power-state-change'];

/** The drop-in's text. */
export const FAST_BOOT_CONFIG = [
  '# Written by rejviz-up (plugin-cloud-init, templates.PROFILE.cloudInit.fastBoot): the modules a',
  '# lab machine uses; the config stage runs in the final stage (cloud-config.service is masked).',
  `cloud_init_modules: [ ${INIT_MODULES.join(', ')} ]`,
  'cloud_config_modules: []',
  `cloud_final_modules: [ ${FINAL_MODULES.join(', ')} ]`,
  '',
].join('\n');

/** The drop-in that lets cloud-init.service (the init-network stage) skip what has been done. */
export const INIT_NETWORK_DROP_IN = '/etc/systemd/system/cloud-init.service.d/50-rejviz-fast-boot.conf';

// A seed with dsmode: local (rejviz-up's: plan-seed.ts, --seed-local) is applied whole by
// cloud-init-local.service, whose instance-data.json then says so; cloud-init.service would only
// start Python to exit again (cloudinit/cmd/main.py: "Exiting. datasource ... in local mode").
// ExecCondition failing skips the unit, and what is ordered after it (sshd) goes on; any other
// seed, or no instance-data.json, runs it as before.
const INIT_NETWORK_CONDITION = [
  '# Written by rejviz-up (plugin-cloud-init, templates.PROFILE.cloudInit.fastBoot): skipped when',
  '# cloud-init-local.service applied a dsmode: local seed whole.',
  '[Service]',
  `ExecCondition=/bin/sh -c '! grep -qs "dsmode.: .local." /run/cloud-init/instance-data.json'`,
].join('\n');

// cloud-config.service: its modules run in cloud-final.service now. e2scrub_reap.service looks
// for leftover LVM snapshots of e2scrub at every boot: a lab guest has none, and under TCG its
// seconds of CPU early in boot slow down the units sshd waits for.
const MASKED_WITH_CLOUD_INIT = ['cloud-config.service'];
const MASKED = ['e2scrub_reap.service'];

const mask = (unit: string) => `ln -sf /dev/null /etc/systemd/system/${unit}`;

/** The shell command (virt-customize --run-command) that applies it inside the image. */
export function fastBootCommand(): string {
  return [
    '# rejviz-up lab template: cloud-init fast boot (docs/up.md); only where cloud-init and systemd are',
    'if [ -d /etc/cloud/cloud.cfg.d ] && [ -d /etc/systemd/system ]; then',
    `cat > ${FAST_BOOT_DROP_IN} <<'REJVIZ_FAST_BOOT'`,
    FAST_BOOT_CONFIG.trimEnd(),
    'REJVIZ_FAST_BOOT',
    ...MASKED_WITH_CLOUD_INIT.map(mask),
    `mkdir -p ${dirname(INIT_NETWORK_DROP_IN)}`,
    `cat > ${INIT_NETWORK_DROP_IN} <<'REJVIZ_FAST_BOOT'`,
    INIT_NETWORK_CONDITION,
    'REJVIZ_FAST_BOOT',
    'fi',
    ...MASKED.map((unit) => `if [ -e /lib/systemd/system/${unit} ]; then ${mask(unit)}; fi`),
  ].join('\n');
}

/** The commands a fast-boot template's build runs: the trimmed cloud-init, then rejviz's first boot (first-boot-template.ts). */
export function fastBootCommands(): string[] {
  return [fastBootCommand(), firstBootInstallCommand()];
}

/**
 * What the template's digest holds of it (rejviz-up): a hash of the commands, so a template
 * built with an older version of them is built again.
 */
export const FAST_BOOT_DIGEST = createHash('sha256').update(fastBootCommands().join('\n')).digest('hex').slice(0, 16);
