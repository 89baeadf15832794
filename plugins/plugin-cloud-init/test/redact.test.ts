// --dry-run never shows the values of password keys in user-data.
import test from 'ava';
import { redactUserData } from '../src/redact.js';

test('password keys are redacted, everything else is kept', (t) => {
  const text = '#cloud-config\nusers:\n  - name: a\n    passwd: $6$salt$hash\n    plain_text_passwd: hunter2\nchpasswd:\n  users:\n    - name: b\n      password: s3cret\npackages: [vim]\n';
  const shown = redactUserData(text);
  for (const secret of ['$6$salt$hash', 'hunter2', 's3cret']) t.false(shown.includes(secret), secret);
  t.true(shown.includes('    passwd: <redacted>'));
  t.true(shown.includes('      password: <redacted>'));
  t.true(shown.includes('packages: [vim]'));
});
