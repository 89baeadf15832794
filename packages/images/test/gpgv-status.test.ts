// gpgv's status lines (recorded from gpgv 2.2.40 on Debian 12) and the decision on them: only a
// good signature whose primary key fingerprint is pinned passes; the trust levels' rules.
import test from 'ava';
import { ImageError, meetsLevel, parseGpgvStatus, pinnedSigner, requiredLevel } from '../src/index.js';

const FPR = 'B82121DBF8B3172238B22C757567206713C550A6';
const GOOD = `[GNUPG:] NEWSIG
[GNUPG:] KEY_CONSIDERED ${FPR} 0
[GNUPG:] SIG_ID unbU+NQfxQknAVJ5CTt220KIyEs 2026-12-03 1796324954
[GNUPG:] KEY_CONSIDERED ${FPR} 0
[GNUPG:] GOODSIG 7567206713C550A6 Test Signer <t@example.invalid>
[GNUPG:] VALIDSIG ${FPR} 2026-12-03 1796324954 0 4 0 22 8 00 ${FPR}
`;
const SUBKEY = `[GNUPG:] NEWSIG
[GNUPG:] GOODSIG 1A5D6C4C7DB87C81 UEC Image Automatic Signing Key <cdimage@ubuntu.com>
[GNUPG:] VALIDSIG 0123456789ABCDEF0123456789ABCDEF01234567 2025-09-30 1759190400 0 4 0 1 10 00 D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81
`;
const BAD = `[GNUPG:] NEWSIG
[GNUPG:] KEY_CONSIDERED ${FPR} 0
[GNUPG:] BADSIG 7567206713C550A6 Test Signer <t@example.invalid>
`;
const NO_KEY = `[GNUPG:] NEWSIG
[GNUPG:] ERRSIG 9F4A2E1BC0D87E11 22 8 00 1796324954 9 -
[GNUPG:] NO_PUBKEY 9F4A2E1BC0D87E11
`;

test('a good signature: the primary fingerprint is VALIDSIG\'s last field, also for a subkey', (t) => {
  t.deepEqual(parseGpgvStatus(GOOD), [{ result: 'good', keyId: '7567206713C550A6', signer: FPR, primary: FPR }]);
  const [sub] = parseGpgvStatus(`gpgv: Good signature\n${SUBKEY}`);
  t.is(sub!.primary, 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81');
  t.is(pinnedSigner(parseGpgvStatus(SUBKEY), ['D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81'], 'SHA256SUMS'), 'D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81');
});

test('bad, unpinned, unknown and missing signatures are refused with one line each', (t) => {
  const pins = ['D2EB44626FDDC30B513D5BB71A5D6C4C7DB87C81'];
  const refuse = (status: string) => t.throws(() => pinnedSigner(parseGpgvStatus(status), pins, 'https://m/SUMS'), { instanceOf: ImageError })!.message;
  t.is(refuse(BAD), 'BAD signature on https://m/SUMS (key 7567206713C550A6): the file was altered or the signature does not belong to it');
  t.is(refuse(GOOD), `https://m/SUMS is signed by ${FPR}, which is not a pinned key (pinned: D2EB…1A5D6C4C7DB87C81); refusing it`);
  t.is(refuse(NO_KEY), 'https://m/SUMS is signed by key 9F4A2E1BC0D87E11, which is not a pinned key (pinned: D2EB…1A5D6C4C7DB87C81); refusing it');
  t.is(refuse(''), 'https://m/SUMS carries no signature gpgv could read; refusing it');
  t.regex(refuse(GOOD.replace('GOODSIG', 'EXPKEYSIG')), /by key 7567206713C550A6 is expired key; refresh the key/);
});

test('one pinned good signature among others passes; any BAD signature fails', (t) => {
  t.is(pinnedSigner(parseGpgvStatus(NO_KEY + GOOD), [FPR], 'f'), FPR);
  t.throws(() => pinnedSigner(parseGpgvStatus(GOOD + BAD), [FPR], 'f'), { message: /^BAD signature/ });
});

test('trust levels: signed sources need a signature, unsigned ones https, --insecure-unverified takes anything', (t) => {
  t.is(requiredLevel({ kind: 'detached', url: 'https://m/SUMS.gpg' }), 'signed');
  t.is(requiredLevel({ kind: 'clearsigned' }), 'signed');
  t.is(requiredLevel({ kind: 'none', note: 'n' }), 'https-checksum');
  t.true(meetsLevel('signed', 'signed', false));
  t.true(meetsLevel('pinned', 'signed', false));
  t.false(meetsLevel('https-checksum', 'signed', false));
  t.true(meetsLevel('https-checksum', 'https-checksum', false));
  t.false(meetsLevel('unverified', 'https-checksum', false));
  t.true(meetsLevel('unverified', 'signed', true));
});
