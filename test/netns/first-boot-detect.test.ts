// rejviz's first boot finds the guest's network stack from its own files, in the order plugin-nic's
// formatForGuest uses on an inspection (NetworkManager enabled, netplan configured or Ubuntu's,
// systemd-networkd enabled, ifupdown, initscripts). Each case runs the detection the seed's script
// holds with the real sh, in a mount namespace whose /etc and /usr are copy-on-write: every
// artifact is removed there, then the case's own are made. One difference on purpose: where
// formatForGuest falls back to the distribution's default, the first boot says "none", so the
// script exits 3 and cloud-init applies the seed.
import { createRunner } from '@rejviz/core';
import { firstBootSeed } from '@rejviz/plugin-cloud-init';
import { testNeeding } from '@rejviz/test-support';

const test = testNeeding([{ check: () => process.getuid?.() === 0, what: 'root (namespaces, mounts)' }, { tool: 'unshare' }]);

const NIC = { name: 'eth0', mac: '52:54:00:fb:01:01', bootproto: 'dhcp' as const, addresses: [], gateway: null, gateway6: null, dns: [], mtu: null, onlink: null, defroute: null };

/** The detection functions of a rendered seed script (has, nic_format). */
function detection(): string {
  const seed = firstBootSeed({ userData: '#cloud-config\n', instanceId: 'i-1', hostname: 'm', nics: [NIC] });
  if ('why' in seed) throw new Error(seed.why);
  const script = seed.files.find((f) => f.name === 'rejviz-first-boot.sh')!.content;
  const start = script.indexOf('has() {');
  const end = script.indexOf('\n}\n', script.indexOf('nic_format() {')) + 3;
  return script.slice(start, end);
}

// Every path the detection looks at (the probes of docs/network-formats.md#guest-stack-detection).
const ARTIFACTS = [
  '/usr/sbin/NetworkManager', '/etc/systemd/system/multi-user.target.wants/NetworkManager.service', '/etc/systemd/system/dbus-org.freedesktop.NetworkManager.service',
  '/usr/lib/x86_64-linux-gnu/NetworkManager/*/libnm-settings-plugin-ifcfg-rh.so', '/usr/lib64/NetworkManager/*/libnm-settings-plugin-ifcfg-rh.so',
  '/usr/sbin/netplan', '/usr/lib/netplan/generate', '/usr/libexec/netplan/generate', '/etc/netplan/*.yaml',
  '/usr/lib/systemd/systemd-networkd', '/etc/systemd/system/multi-user.target.wants/systemd-networkd.service', '/etc/systemd/system/dbus-org.freedesktop.network1.service',
  '/usr/sbin/ifup', '/etc/network/interfaces', '/etc/sysconfig/network-scripts/network-functions',
];
const NM = ['/usr/sbin/NetworkManager', '/etc/systemd/system/multi-user.target.wants/NetworkManager.service'];
const IFCFG_RH = '/usr/lib64/NetworkManager/1.42.2/libnm-settings-plugin-ifcfg-rh.so';
const NETWORKD = ['/usr/lib/systemd/systemd-networkd', '/etc/systemd/system/multi-user.target.wants/systemd-networkd.service'];
const IFUPDOWN = ['/usr/sbin/ifup', '/etc/network/interfaces'];
const osRelease = (id: string, like: string, version: string) => `ID=${id}\nID_LIKE="${like}"\nVERSION_ID="${version}"\n`;

const CASES: { name: string; files: string[]; osRelease: string; expect: string }[] = [
  { name: 'nothing', files: [], osRelease: osRelease('debian', '', '12'), expect: 'none' },
  { name: 'ifupdown', files: IFUPDOWN, osRelease: osRelease('debian', '', '12'), expect: 'eni' },
  { name: 'ifup without /etc/network/interfaces', files: ['/usr/sbin/ifup'], osRelease: osRelease('debian', '', '12'), expect: 'none' },
  { name: 'networkd enabled, ifupdown too', files: [...NETWORKD, ...IFUPDOWN], osRelease: osRelease('debian', '', '12'), expect: 'networkd' },
  { name: 'networkd installed, not enabled', files: [NETWORKD[0]!, ...IFUPDOWN], osRelease: osRelease('debian', '', '12'), expect: 'eni' },
  { name: 'netplan configured, over networkd', files: ['/usr/libexec/netplan/generate', '/etc/netplan/50-cloud-init.yaml', ...NETWORKD], osRelease: osRelease('debian', '', '13'), expect: 'netplan' },
  { name: 'netplan without a config on Ubuntu', files: ['/usr/sbin/netplan', ...NETWORKD], osRelease: osRelease('ubuntu', 'debian', '24.04'), expect: 'netplan' },
  { name: 'netplan without a config elsewhere', files: ['/usr/sbin/netplan', ...IFUPDOWN], osRelease: osRelease('debian', '', '12'), expect: 'eni' },
  { name: 'NetworkManager enabled, over everything', files: [...NM, '/usr/sbin/netplan', '/etc/netplan/a.yaml', ...NETWORKD, ...IFUPDOWN], osRelease: osRelease('ubuntu', 'debian', '24.04'), expect: 'keyfile' },
  { name: 'NetworkManager installed, not enabled', files: [NM[0]!, ...IFUPDOWN], osRelease: osRelease('debian', '', '12'), expect: 'eni' },
  { name: 'NetworkManager with ifcfg-rh on Rocky 8', files: [...NM, IFCFG_RH], osRelease: osRelease('rocky', 'rhel centos fedora', '8.9'), expect: 'ifcfg' },
  { name: 'NetworkManager with ifcfg-rh on Rocky 9', files: [...NM, IFCFG_RH], osRelease: osRelease('rocky', 'rhel centos fedora', '9.3'), expect: 'keyfile' },
  { name: 'NetworkManager with ifcfg-rh on Fedora 32', files: [...NM, IFCFG_RH], osRelease: osRelease('fedora', '', '32'), expect: 'ifcfg' },
  { name: 'NetworkManager with ifcfg-rh on Fedora 33', files: [...NM, IFCFG_RH], osRelease: osRelease('fedora', '', '33'), expect: 'keyfile' },
  { name: 'initscripts', files: ['/usr/sbin/ifup', '/etc/sysconfig/network-scripts/network-functions'], osRelease: osRelease('centos', 'rhel fedora', '7'), expect: 'ifcfg' },
];

const SETUP = String.raw`
set -e
mount --make-rprivate /
mount -t tmpfs tmpfs /run
for d in etc usr; do
  mkdir -p /run/.$d/u /run/.$d/w
  mount -t overlay overlay -o lowerdir=/$d,upperdir=/run/.$d/u,workdir=/run/.$d/w /$d
done
`;

for (const c of CASES) {
  test(`${c.name}: ${c.expect}`, async (t) => {
    const script = [
      SETUP,
      ...ARTIFACTS.map((a) => `rm -rf ${a}`),
      ...c.files.map((f) => `mkdir -p "$(dirname ${f})" && touch ${f}`),
      `printf '%s' '${c.osRelease}' > /etc/os-release.rejviz && rm -f /etc/os-release && mv /etc/os-release.rejviz /etc/os-release`,
      'set +e',
      detection(),
      'nic_format',
      'echo "format=$format"',
    ].join('\n');
    const res = await createRunner().run('unshare', ['-m', 'sh', '-c', script], { allowFailure: true });
    t.is(res.exitCode, 0, res.stderr);
    t.is(res.stdout.trim(), `format=${c.expect}`, res.stderr);
  });
}
