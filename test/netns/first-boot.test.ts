// rejviz's first boot (plugin-cloud-init's first-boot-seed.ts), run for real: the seed's script
// rendered from the user-data plugin-ssh and plugin-ansible make (host keys from ssh-keygen, a
// password hash from openssl), then run by the real sh as PID 1 of fresh mount, network, UTS and
// PID namespaces, where /etc and /var are copy-on-write and /home, /run are empty tmpfs (nothing
// reaches the host). Two veth NICs hold each other's names, so the script must rename them by
// MAC; then the real ifupdown brings up what it wrote, and each address lands on its MAC. A
// guest without a network stack rejviz renders gets exit 3 and no change at all.
import { createRunner } from '@rejviz/core';
import { firstBootSeed } from '@rejviz/plugin-cloud-init';
import { sha512Crypt, sshCloudConfig, type HostKeyTexts } from '@rejviz/plugin-ssh';
import { testNeeding } from '@rejviz/test-support';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const test = testNeeding([
  { check: () => process.getuid?.() === 0, what: 'root (namespaces, mounts)' },
  { tool: 'unshare' }, { tool: 'ip' }, { tool: 'ssh-keygen' }, { tool: 'openssl' }, { tool: 'useradd' }, { tool: 'chpasswd' },
  { path: '/sbin/ifup', what: 'Debian ifupdown' },
]);

const MAC_A = '52:54:00:fb:00:0a';
const MAC_B = '52:54:00:fb:00:0b';
const NICS = [
  { name: 'eth0', mac: MAC_A, bootproto: 'static' as const, addresses: [{ address: '198.51.100.61', prefix: 24 }], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null },
  { name: 'eth1', mac: MAC_B, bootproto: 'static' as const, addresses: [{ address: '198.51.100.62', prefix: 24 }], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null },
];

const dirs: string[] = [];
test.after.always(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function hostKeys(dir: string): Promise<HostKeyTexts> {
  const out: Record<string, { privateKey: string; publicKey: string }> = {};
  for (const type of ['rsa', 'ecdsa', 'ed25519'] as const) {
    const file = join(dir, `host_${type}`);
    await createRunner().run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `host-${type}`, '-f', file]);
    out[type] = { privateKey: await readFile(file, 'utf8'), publicKey: await readFile(`${file}.pub`, 'utf8') };
  }
  return out as unknown as HostKeyTexts;
}

/** The user-data a lab machine's seed has: plugin-ssh's config, plugin-ansible's /etc/hosts, the host name. */
async function labUserData(dir: string, password: boolean): Promise<{ text: string; keys: HostKeyTexts; hash: string | undefined }> {
  const keys = await hostKeys(dir);
  const hash = password ? await sha512Crypt('s3cret-pass', createRunner()) : undefined;
  const ssh = sshCloudConfig({ user: 'rejviz', authorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFake lab'], hostKeys: keys, ...(hash !== undefined && { passwordHash: hash }) });
  const hosts = { path: '/etc/hosts', content: '127.0.0.1 localhost\n127.0.1.1 d1\n198.51.100.62 d2\n', owner: 'root:root', permissions: '0644' };
  const data = { ...ssh, write_files: [...ssh.write_files, hosts], manage_etc_hosts: false, hostname: 'd1' };
  return { text: `#cloud-config\n${stringify(data)}`, keys, hash };
}

/** Writes the seed's files into a new directory (the mounted seed, as the unit passes it). */
async function seedDir(userData: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rjv-first-boot-'));
  dirs.push(dir);
  const seed = firstBootSeed({ userData, instanceId: 'lab_d1-0123456789ab', hostname: 'd1', nics: NICS });
  if ('why' in seed) throw new Error(`not rendered: ${seed.why}`);
  for (const f of seed.files) await writeFile(join(dir, f.name), f.content);
  return dir;
}

// The guest: isolated as test/netns/sandbox.sh isolates a stack; ifupdown the enabled stack (the
// others' enabling links removed in the copy-on-write /etc); the NICs created with swapped names.
const GUEST = String.raw`
set -u
S=$1 MODE=$2
mount --make-rprivate /
mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=755 tmpfs /run
for d in etc var; do
  mkdir -p /run/.$d/u /run/.$d/w
  mount -t overlay overlay -o lowerdir=/$d,upperdir=/run/.$d/u,workdir=/run/.$d/w /$d
done
mount -t tmpfs -o mode=755 tmpfs /home
rm -f /etc/systemd/system/multi-user.target.wants/NetworkManager.service /etc/systemd/system/dbus-org.freedesktop.NetworkManager.service \
  /etc/systemd/system/multi-user.target.wants/systemd-networkd.service /etc/systemd/system/dbus-org.freedesktop.network1.service /etc/netplan/*.yaml
mkdir -p /etc/network/interfaces.d /run/network
rm -f /etc/network/interfaces.d/*
# A stanza for eth0 the template had: dropped, as plugin-nic drops it at build time.
printf 'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\nallow-hotplug eth0\niface eth0 inet dhcp\n' > /etc/network/interfaces
if [ "$MODE" = no-stack ]; then rm -f /etc/network/interfaces /etc/sysconfig/network-scripts/network-functions; fi
# veth pairs (the peers stay here too, named apart): the kernel here may have no dummy driver.
ip link add eth0 address ${MAC_B} type veth peer name peer0
ip link add eth1 address ${MAC_A} type veth peer name peer1
echo template > /etc/hostname; hostname template
# The image's own host key, which the seed's (or new ones) replace.
mkdir -p /etc/ssh && rm -f /etc/ssh/ssh_host_* && echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIImageImageImage image' > /etc/ssh/ssh_host_ed25519_key.pub
sh "$S/rejviz-first-boot.sh" "$S" > /run/log 2>&1
echo "rc=$?"
echo "@@log"; cat /run/log
echo "@@state"
echo "hostname=$(hostname) etc-hostname=$(cat /etc/hostname)"
for n in eth0 eth1; do echo "$n=$(cat /sys/class/net/$n/address 2>/dev/null)"; done
getent passwd rejviz || echo "no-user"
echo "shadow=$(getent shadow rejviz | cut -d: -f2)"
stat -c '%n %a %U:%G' /home/rejviz/.ssh /home/rejviz/.ssh/authorized_keys /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub /etc/ssh/ssh_host_rsa_key /etc/sudoers.d/90-rejviz-users /etc/ssh/sshd_config.d/10-rejviz.conf /etc/hosts 2>&1
echo "@@authorized"; cat /home/rejviz/.ssh/authorized_keys 2>/dev/null
echo "@@ed25519"; cat /etc/ssh/ssh_host_ed25519_key.pub 2>/dev/null
echo "@@sudoers"; cat /etc/sudoers.d/90-rejviz-users 2>/dev/null
echo "@@hosts"; cat /etc/hosts
echo "@@interfaces"; cat /etc/network/interfaces 2>/dev/null
echo "@@rules"; cat /etc/udev/rules.d/70-rejviz-net.rules 2>/dev/null
if [ "$MODE" = full ]; then
  ifup eth0 eth1 > /run/ifup.log 2>&1 || { echo "@@ifup failed"; cat /run/ifup.log; }
  echo "@@addresses"; ip -br -4 addr show | grep -v '^lo\|^peer'
fi
`;

async function runGuest(dir: string, mode: 'full' | 'no-stack'): Promise<{ rc: number; section: (name: string) => string; out: string }> {
  const res = await createRunner().run('unshare', ['-m', '-n', '-u', '-p', '-f', '--mount-proc', 'sh', '-c', GUEST, 'guest', dir, mode], { allowFailure: true, timeoutMs: 60_000 });
  const out = res.stdout;
  const rc = Number(/^rc=(\d+)$/m.exec(out)?.[1] ?? -1);
  const section = (name: string) => {
    const start = out.indexOf(`@@${name}\n`);
    if (start < 0) return '';
    const rest = out.slice(start + name.length + 3);
    const end = rest.indexOf('\n@@');
    return end < 0 ? rest : rest.slice(0, end);
  };
  return { rc, section, out: `${out}\n${res.stderr}` };
}

test('the seed script applies a lab machine\'s seed: NICs renamed by MAC and brought up by ifupdown, user, keys, files, host name', async (t) => {
  const work = await mkdtemp(join(tmpdir(), 'rjv-first-boot-keys-'));
  dirs.push(work);
  const { text, keys, hash } = await labUserData(work, true);
  const dir = await seedDir(text);
  const script = await readFile(join(dir, 'rejviz-first-boot.sh'), 'utf8');
  t.false(/PRIVATE KEY|\$6\$/.test(script), 'no key and no hash in the script itself');
  const { rc, section, out } = await runGuest(dir, 'full');
  t.is(rc, 0, out);
  const state = section('state');
  t.regex(state, /hostname=d1 etc-hostname=d1/, out);
  t.regex(state, new RegExp(`eth0=${MAC_A}`), 'the NIC with the first MAC is eth0 now');
  t.regex(state, new RegExp(`eth1=${MAC_B}`), 'and the other eth1');
  t.regex(state, /^rejviz:x:\d+:\d+::\/home\/rejviz:\/bin\/bash$/m);
  t.true(state.includes(`shadow=${hash}`), 'the password is the hash given');
  for (const line of ['/home/rejviz/.ssh 700 rejviz:rejviz', '/home/rejviz/.ssh/authorized_keys 600 rejviz:rejviz', '/etc/ssh/ssh_host_ed25519_key 600 root:root',
    '/etc/ssh/ssh_host_ed25519_key.pub 644 root:root', '/etc/ssh/ssh_host_rsa_key 600 root:root', '/etc/sudoers.d/90-rejviz-users 440 root:root', '/etc/ssh/sshd_config.d/10-rejviz.conf 644 root:root']) {
    t.true(state.includes(line), `${line}\n${state}`);
  }
  t.is(section('authorized').trim(), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFake lab');
  t.is(section('ed25519').trim(), keys.ed25519.publicKey.trim(), 'the pinned host key is the one sshd will show');
  t.is(section('sudoers').trim().split('\n').pop(), 'rejviz ALL=(ALL) NOPASSWD:ALL');
  t.is(section('hosts'), '127.0.0.1 localhost\n127.0.1.1 d1\n198.51.100.62 d2', 'write_files after manage_etc_hosts: false');
  t.false(/iface eth0 inet dhcp/.test(section('interfaces')), 'the template\'s stanza for eth0 is dropped');
  t.regex(section('rules'), new RegExp(`ATTR\\{address\\}=="${MAC_A}", NAME="eth0"`));
  const addresses = section('addresses');
  t.regex(addresses, /^eth0(@\S+)?\s+\S+\s+198\.51\.100\.61\/24/m, out);
  t.regex(addresses, /^eth1(@\S+)?\s+\S+\s+198\.51\.100\.62\/24/m, out);
  const log = section('log');
  t.regex(log, /^\[[\d.]+\] network: eni$/m);
  t.regex(log, /^\[[\d.]+\] NIC 52:54:00:fb:00:0a: eth0 \(renamed\)$/m);
  t.false(/PRIVATE KEY|\$6\$|s3cret/.test(log), 'the log holds no secret');
});

test('a guest without a network stack rejviz renders: exit 3, nothing changed (cloud-init applies the seed)', async (t) => {
  const work = await mkdtemp(join(tmpdir(), 'rjv-first-boot-keys-'));
  dirs.push(work);
  const dir = await seedDir((await labUserData(work, false)).text);
  const { rc, section, out } = await runGuest(dir, 'no-stack');
  t.is(rc, 3, out);
  t.regex(section('log'), /^needs a network stack rejviz renders/m);
  const state = section('state');
  t.regex(state, /hostname=template etc-hostname=template/);
  t.regex(state, /no-user/);
  t.regex(state, new RegExp(`eth0=${MAC_B}`), 'no NIC renamed');
  t.is(section('rules'), '', 'no udev rule');
});

test('a seed without host keys: the image\'s go and the guest makes its own (as cloud-init would)', async (t) => {
  const dir = await seedDir('#cloud-config\nhostname: d1\n');
  const { rc, section, out } = await runGuest(dir, 'full');
  t.is(rc, 0, out);
  t.regex(section('log'), /ssh host keys: made anew/);
  const made = section('ed25519').trim();
  t.regex(made, /^ssh-ed25519 AAAA\S+ root@/, out);
  t.false(made.includes('Image'), "not the image's key");
});
