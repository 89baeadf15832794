// What images prune reads of a domain's disk outside the pools: the backing file a qcow2 header
// names (qemu's docs/interop/qcow2.txt), and whether a connection's files are this host's.
import test from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { libvirtConnection } from '@rejviz/core';
import { scratchDir } from '@rejviz/test-support';
import { isLocalConnection, qcow2BackingFile } from '../src/images/domain-disk-chains.js';

/** A qcow2 header (version 3) naming `backing` at offset 0x200, or none. */
function qcow2Header(backing: string | null): Buffer {
  const buf = Buffer.alloc(0x400);
  buf.writeUInt32BE(0x514649fb, 0);
  buf.writeUInt32BE(3, 4);
  if (backing !== null) {
    buf.writeBigUInt64BE(0x200n, 8);
    buf.writeUInt32BE(Buffer.byteLength(backing), 16);
    buf.write(backing, 0x200);
  }
  return buf;
}

test('the backing file a qcow2 header names; none for a qcow2 without one, a raw file or a short one', async (t) => {
  const dir = await scratchDir(t, 'rjv-qcow2-head-');
  const file = async (name: string, bytes: Buffer) => {
    await writeFile(join(dir, name), bytes);
    return join(dir, name);
  };
  t.is(await qcow2BackingFile(await file('overlay.qcow2', qcow2Header('../pool/rejviz-template_web_0123456789ab.qcow2'))), '../pool/rejviz-template_web_0123456789ab.qcow2');
  t.is(await qcow2BackingFile(await file('alone.qcow2', qcow2Header(null))), null);
  t.is(await qcow2BackingFile(await file('disk.raw', Buffer.alloc(4096, 7))), null);
  t.is(await qcow2BackingFile(await file('short', Buffer.from('QFI'))), null);
  await t.throwsAsync(qcow2BackingFile(join(dir, 'missing.qcow2')), { code: 'ENOENT' });
});

test("a connection is local when its URI names no host; the default one follows LIBVIRT_DEFAULT_URI", (t) => {
  t.true(isLocalConnection(libvirtConnection('qemu:///system'), {}));
  t.true(isLocalConnection(libvirtConnection('test+unix:///default'), {}));
  t.false(isLocalConnection(libvirtConnection('qemu+ssh://root@lab-host/system'), {}));
  t.false(isLocalConnection(libvirtConnection('qemu+tcp://127.0.0.1/system'), {}), 'another libvirtd, even on this host, may see other files');
  t.true(isLocalConnection(libvirtConnection(null), {}));
  t.false(isLocalConnection(libvirtConnection(null), { LIBVIRT_DEFAULT_URI: 'qemu+ssh://lab-host/system' }));
  t.false(isLocalConnection(libvirtConnection('not a uri'), {}), 'what cannot be read as a URI is not assumed local');
});
