// Tier 1 (driver): a libvirt URI that cannot be connected to is bad input (issue 11, defect 10):
// one line saying the connection failed, with libvirt's reason, exit 2, from every command that
// talks to libvirt, under --dry-run too. The URIs fail locally and at once; rejviz() runs the bins
// under `unshare -n`, so not even loopback is reachable and nothing is sent anywhere.
import { testNeeding } from '@rejviz/test-support';
import { rejviz } from '../support/rejviz.js';
import { holdTestDriver, releaseTestDriver, TEST_URI } from '../support/test-driver.js';
import { manifestNic, manifestWith, removeManifestDirs } from '../support/test-manifest.js';

const test = testNeeding([{ tool: 'virsh' }, { tool: 'virt-install' }, { tool: 'virt-customize' }, { tool: 'unshare' }, { path: '/run/libvirt/libvirt-sock', what: 'libvirtd' }]);

test.before(holdTestDriver);
test.after.always(releaseTestDriver);
test.after.always(removeManifestDirs);

/** Each bad URI and the reason libvirt gives for it. */
const URIS: [uri: string, reason: RegExp][] = [
  ['qemu:///nonexistent', /unexpected qemu URI path '\/nonexistent'/],
  ['test+unix:///default?socket=/nonexistent/sock', /Failed to connect socket to '\/nonexistent\/sock': No such file or directory/],
  // Inside `unshare -n` loopback is down: "Network is unreachable" (outside: "Connection refused").
  ['qemu+tcp://127.0.0.1:1/system', /unable to connect to server at '127\.0\.0\.1:1'/],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The command lines under test, for a URI: each bin that talks to libvirt, with its option name. */
async function commands(uri: string): Promise<[bin: string, option: string, args: string[]][]> {
  const { disk, manifest } = await manifestWith([manifestNic('eth0')], 'rjv-conn-');
  const install = ['--manifest', manifest, '--connect', uri, '--name', 'rjvt-conn', '--memory', '128', '--import', '--disk', disk, '--osinfo', 'centos7.0', '--noautoconsole'];
  return [
    ['rejviz-customize', '-c', ['-c', uri, '-d', 'some-domain', '--hostname', 'h']],
    ['rejviz-sysprep', '-c', ['-c', uri, '-d', 'some-domain']],
    ['rejviz-peek', '-c', ['-c', uri, '--no-guest', 'some-domain']],
    ['rejviz-peek', '-c', ['-c', uri, 'some-domain']],
    ['rejviz-install', '--connect', [...install, '--dry-run']],
    ['rejviz-install', '--connect', install],
  ];
}

for (const [uri, reason] of URIS) {
  test(`${uri}: every command says the connection failed, with libvirt's reason (exit 2, one line)`, async (t) => {
    for (const [bin, option, args] of await commands(uri)) {
      const r = await rejviz(bin, args);
      t.is(r.exitCode, 2, `${bin} ${args.join(' ')}: ${r.stderr}`);
      t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
      t.regex(r.stderr, new RegExp(`^${bin}: error: ${escape(option)} ${escape(uri)}: cannot connect to libvirt \\(`));
      t.regex(r.stderr, reason);
      t.regex(r.stderr, /; check the URI \(virsh -c \S+ uri\)\n$/);
    }
  });
}

test('control: the same command lines on a URI that connects get past the connection', async (t) => {
  for (const [bin, , args] of await commands(TEST_URI)) {
    const r = await rejviz(bin, args.includes('--noautoconsole') && !args.includes('--dry-run') ? [...args, '--dry-run'] : args);
    t.notRegex(r.stderr, /cannot connect to libvirt/, `${bin}: ${r.stderr}`);
    // The domain does not exist there, which the commands that need it now say.
    if (bin !== 'rejviz-install') t.regex(r.stderr, /some-domain: no such domain on test\+unix:\/\/\/default/, `${bin}: ${r.stderr}`);
    else t.is(r.exitCode, 0, r.stderr);
  }
});
