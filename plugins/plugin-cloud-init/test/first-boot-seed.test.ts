// rejviz's first boot, the seed's side: which user-data it takes on (the rest is left to
// cloud-init, with why), what the seed gets (the script holds no secret; the files that do are
// not shown), and that the real sh parses what is rendered and installed. The script's effect in
// a guest is test/netns/first-boot.test.ts's; a booted lab machine, test/boot/up-debian.test.ts's.
import { createRunner } from '@rejviz/core';
import test from 'ava';
import { firstBootInstallCommand, firstBootSeed, type FirstBootInput } from '../src/index.js';

const NIC = { name: 'eth0', mac: '52:54:00:aa:bb:01', bootproto: 'static' as const, addresses: [{ address: '198.51.100.5', prefix: 24 }], gateway: '198.51.100.1', gateway6: null, dns: ['198.51.100.53'], mtu: null, onlink: null, defroute: null };
const input = (userData: string, nics = [NIC]): FirstBootInput => ({ userData, instanceId: 'lab_m-1', hostname: 'm', nics });
const PRIVATE = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const SSH = `#cloud-config
hostname: m
users:
  - { name: rejviz, shell: /bin/bash, lock_passwd: true, sudo: "ALL=(ALL) NOPASSWD:ALL", ssh_authorized_keys: ["ssh-ed25519 AAAA lab"] }
ssh_keys:
  ed25519_private: |
${PRIVATE.split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n')}
  ed25519_public: ssh-ed25519 BBBB host
ssh_deletekeys: true
disable_root: true
write_files:
  - { path: /etc/ssh/sshd_config.d/10-rejviz.conf, content: "PasswordAuthentication no\\n", owner: "root:root", permissions: "0644" }
manage_etc_hosts: true
`;

const sh = (text: string) => createRunner().run('sh', ['-n', '-c', text], { allowFailure: true });

test('a lab seed (plugin-ssh\'s user-data) gets the script, its instance-id, data files and an archive per network format; no secret in the script, none shown', async (t) => {
  const seed = firstBootSeed(input(SSH));
  if ('why' in seed) return t.fail(seed.why);
  const names = seed.files.map((f) => f.name);
  t.deepEqual(names.slice(0, 2), ['rejviz-instance-id', 'rejviz-first-boot.sh']);
  t.is(seed.files[0]!.content, 'lab_m-1\n');
  const script = seed.files[1]!.content;
  t.false(script.includes('PRIVATE KEY'), 'keys are in the archive');
  for (const format of ['keyfile', 'ifcfg', 'netplan', 'networkd', 'eni']) t.true(names.includes(`rejviz-files-${format}.tar`), format);
  const eni = seed.files.find((f) => f.name === 'rejviz-files-eni.tar')!;
  t.true(eni.content.includes(PRIVATE), 'the archive holds the host key');
  t.notRegex(eni.shown ?? '', /PRIVATE|b3Bl/, 'an archive is not shown');
  t.regex(eni.shown ?? '', /etc\/ssh\/ssh_host_ed25519_key /);
  for (const f of seed.files.slice(2)) t.truthy(f.shown, `${f.name} has what --dry-run shows instead`);
  t.regex(script, /useradd -m -s \/bin\/bash rejviz;/);
  t.regex(script, /^tar -x -f "\$files" -C \/$/m);
  const parsed = await sh(script);
  t.is(parsed.exitCode, 0, parsed.stderr);
});

test('user-data that only cloud-init can apply is left to it, saying what', (t) => {
  const why = (userData: string) => {
    const seed = firstBootSeed(input(userData));
    return 'why' in seed ? seed.why : 'rendered';
  };
  t.is(why('#cloud-config\nruncmd: [ [touch, /x] ]\n'), 'user-data has runcmd');
  t.is(why('#cloud-config\npackages: [curl]\n'), 'user-data has packages');
  t.is(why('#cloud-config\nusers: [default]\n'), "users[0] is not a user's settings (the default user is cloud-init's)");
  t.is(why('#cloud-config\nusers: [{ name: a, groups: [wheel] }]\n'), 'users[0] has groups');
  t.is(why('#cloud-config\nwrite_files: [{ path: /a, content: eA==, encoding: b64 }]\n'), 'write_files[0] has encoding');
  t.is(why('#cloud-config\nwrite_files: [{ path: /a, content: x, permissions: 0644 }]\n'), 'write_files[0].permissions (as a string) is not a string');
  t.is(why('#cloud-config\nwrite_files: [{ path: a/b, content: x }]\n'), 'write_files[0].path is not an absolute path');
  t.is(why('#cloud-config\nhostname: other\n'), "hostname other is not the seed's m");
  t.is(why('#cloud-config\nmanage_etc_hosts: localhost\n'), 'manage_etc_hosts is localhost');
  t.is(why('#cloud-config\nssh_keys: { ed25519_certificate: x }\n'), 'ssh_keys has ed25519_certificate');
  t.is(why('#cloud-config\n[broken\n'), 'user-data is not YAML');
  t.is(why('#cloud-config\n'), 'rendered', 'an empty cloud-config: the host name, the NICs and new host keys');
  t.is(why(SSH), 'rendered');
});

test('without NICs the script has no network part; with them, every format plugin-nic renders', async (t) => {
  const bare = firstBootSeed(input('#cloud-config\n', []));
  const full = firstBootSeed(input('#cloud-config\n'));
  if ('why' in bare || 'why' in full) return t.fail();
  const script = (s: typeof bare) => s.files.find((f) => f.name === 'rejviz-first-boot.sh')!.content;
  t.false(script(bare).includes('nic_format'));
  for (const format of ['keyfile', 'ifcfg', 'netplan', 'networkd', 'eni']) t.true(script(full).includes(`\n${format}) competing=`), format);
  t.deepEqual(bare.files.filter((f) => f.name.endsWith('.tar')).map((f) => f.name), ['rejviz-files.tar']);
  t.is((await sh(script(full))).exitCode, 0);
});

test('the template side: the install command and the script and unit it writes parse with the real sh', async (t) => {
  const command = firstBootInstallCommand();
  t.is((await sh(command)).exitCode, 0);
  const script = /cat > \/usr\/lib\/rejviz\/first-boot <<'REJVIZ_FIRST_BOOT'\n([\s\S]*?)\nREJVIZ_FIRST_BOOT/.exec(command)![1]!;
  t.is((await sh(script)).exitCode, 0);
  t.regex(command, /^Before=sysinit\.target network-pre\.target .*cloud-init-local\.service .*ssh\.service/m);
  t.regex(command, /^WantedBy=sysinit\.target$/m);
  for (const unit of ['cloud-init-local', 'cloud-init', 'cloud-config', 'cloud-final']) t.true(command.includes(`/etc/systemd/system/${unit}.service.d/60-rejviz-first-boot.conf`), unit);
});

test('without ssh_keys the image\'s host keys go and ssh-keygen makes new ones (cloud-init\'s ssh module); with ssh_deletekeys: false they stay', (t) => {
  const script = (userData: string) => {
    const seed = firstBootSeed(input(userData, []));
    return 'why' in seed ? seed.why : seed.files.find((f) => f.name === 'rejviz-first-boot.sh')!.content;
  };
  t.regex(script('#cloud-config\n'), /^rm -f \/etc\/ssh\/ssh_host_\*key\*\nif command -v ssh-keygen >\/dev\/null 2>&1; then ssh-keygen -A; fi$/m);
  t.notRegex(script('#cloud-config\nssh_deletekeys: false\n'), /ssh-keygen -A/);
  t.notRegex(script(SSH), /ssh-keygen -A/, 'the pinned keys are put in place instead');
});
