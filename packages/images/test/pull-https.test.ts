// The https-checksum level, end to end: a mirror serving https with a certificate made for
// 127.0.0.1, trusted by a child process through NODE_EXTRA_CA_CERTS (as a site's own CA would
// be). An unsigned checksum over https is accepted without --insecure-unverified; a redirect from
// https to http is refused; and without the CA the certificate is refused (TLS checks stay on).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '@rejviz/test-support';
import { ImageError, pullImage } from '../src/index.js';
import { filesUnder, IMAGE_PREREQS, imageLab, publish, pullInChild, qcow2Image, removeLabSigner, warmUp } from './support/image-lab.js';

// One at a time: each runs gpg, gpgv and qemu-img, and its time is then its own.
const test = testNeeding([...IMAGE_PREREQS, { tool: 'openssl', install: 'apt-get install openssl' }]).serial;
let certDir = '';
let tls = { key: '', cert: '' };
test.before(async () => {
  await warmUp();
  certDir = await mkdtemp(join(tmpdir(), 'rjv-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  tls = { key: await readFile(join(certDir, 'key.pem'), 'utf8'), cert: await readFile(join(certDir, 'cert.pem'), 'utf8') };
});
test.after.always(async () => {
  await removeLabSigner();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

const trusted = () => ({ NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem') });

test('an unsigned checksum file over https: accepted as https-checksum, no flag needed', async (t) => {
  const lab = await imageLab(t, { tls });
  const { spec, hex } = await publish(lab, { dir: 'centos', name: 'centos.qcow2', content: await qcow2Image(), signature: 'none', style: 'bsd' });
  t.true(spec.imageUrl.startsWith('https://127.0.0.1:'));
  const got = await pullInChild(lab, spec, lab.options, trusted());
  t.is(got.level, 'https-checksum');
  t.is(got.path, join(lab.cacheDir, `sha256-${hex}`, 'image.qcow2'));
});

test('a signed checksum file over https is still signed', async (t) => {
  const lab = await imageLab(t, { tls });
  const { spec } = await publish(lab, { dir: 'alma', name: 'alma.qcow2', content: await qcow2Image() });
  t.is((await pullInChild(lab, spec, lab.options, trusted())).level, 'signed');
});

test('a checksum file redirected from https to http is refused', async (t) => {
  const lab = await imageLab(t, { tls });
  const { spec } = await publish(lab, { dir: 'rocky', name: 'rocky.qcow2', content: await qcow2Image(), signature: 'none' });
  lab.mirror.fault('rocky/SHA256SUMS', { kind: 'redirect', to: 'http://127.0.0.1:9/rocky/SHA256SUMS' });
  const got = await pullInChild(lab, spec, lab.options, trusted());
  t.is(got.failure, 'http');
  t.is(got.message, `${spec.checksum!.url} redirects to http://127.0.0.1:9/rocky/SHA256SUMS: refusing to leave https`);
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});

test('a certificate nobody vouches for is refused at once, not retried', async (t) => {
  const lab = await imageLab(t, { tls });
  const { spec } = await publish(lab, { dir: 'deb', name: 'debian.qcow2', content: await qcow2Image(), signature: 'none' });
  const e = await t.throwsAsync(pullImage(spec, lab.options, lab.services), { instanceOf: ImageError });
  t.is(e!.failure, 'network');
  t.regex(e!.message, new RegExp(`^cannot fetch ${spec.checksum!.url}: its TLS certificate is not trusted \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\); use a mirror with a valid certificate$`));
  t.is(lab.mirror.requests.length, 0, 'no request got through the handshake');
  t.deepEqual(await filesUnder(lab.cacheDir), []);
});
