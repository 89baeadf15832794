// Secrets in the wrapped tools' arguments are redacted wherever a command is shown (issue 11,
// defect 8: `--root-password password:...` was stored verbatim in manifests and --json).
import test from 'ava';
import { redactArgs, scrubSecrets, showCommand } from '../src/secret-args.js';

const cases: [string, string[], string[], string[]][] = [
  ['virt-builder', ['t', '--root-password', 'password:s3cret'], ['t', '--root-password', 'password:<redacted>'], ['s3cret']],
  ['virt-builder', ['t', '--root-password=password:s3 cret'], ['t', '--root-password=password:<redacted>'], ['s3 cret']],
  ['virt-customize', ['--root-password', 'locked:password:pw'], ['--root-password', 'locked:password:<redacted>'], ['pw']],
  ['virt-customize', ['--root-password', 'file:/secret'], ['--root-password', 'file:/secret'], []],
  ['virt-customize', ['--root-password', 'random'], ['--root-password', 'random'], []],
  ['virt-sysprep', ['--password', 'joe:password:pw:with:colons'], ['--password', 'joe:password:<redacted>'], ['pw:with:colons']],
  ['virt-builder', ['--sm-credentials', 'u:password:pw'], ['--sm-credentials', 'u:password:<redacted>'], ['pw']],
  ['virt-customize', ['--key', '/dev/sda2:key:luks pass'], ['--key', '/dev/sda2:key:<redacted>'], ['luks pass']],
  ['virt-customize', ['--key', '/dev/sda2:file:/k'], ['--key', '/dev/sda2:file:/k'], []],
  // A value of another option that merely looks like a selector is not a secret.
  ['virt-builder', ['--hostname', 'password:x', 't'], ['--hostname', 'password:x', 't'], []],
  ['virt-install', ['--graphics', 'vnc,password=pw,listen=127.0.0.1'], ['--graphics', 'vnc,password=<redacted>,listen=127.0.0.1'], ['pw']],
  ['virt-install', ['--graphics=spice,password=pw'], ['--graphics=spice,password=<redacted>'], ['pw']],
  ['virsh', ['--root-password', 'password:x'], ['--root-password', 'password:x'], []],
];

for (const [tool, args, shown, secrets] of cases) {
  test(`${tool} ${args.join(' ')}`, (t) => {
    const r = redactArgs(tool, args);
    t.deepEqual(r.args, shown);
    t.deepEqual(r.secrets, secrets);
  });
}

test('showCommand quotes the redacted command; scrubSecrets hides echoed secrets', (t) => {
  t.is(showCommand('virt-builder', ['t', '--root-password', 'password:s3cret']), "virt-builder t --root-password 'password:<redacted>'");
  t.is(scrubSecrets("error: bad password 's3cret'\n", ['s3cret']), "error: bad password '<redacted>'\n");
});
