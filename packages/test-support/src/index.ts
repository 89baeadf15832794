// @rejviz/test-support: what the tests of every workspace share, so that no test helper is copied
// between packages (a workspace of its own, depending on no other, because the packages' own tests cannot import test/:
// test/ references the packages, and project references cannot form a cycle).
export { scratchDir, type Teardown } from './scratch-dir.js';
export { CI, missingPrerequisites, onPath, testNeeding, type Prereq } from './prereq.js';
export { NETPLAN, netplanAccepts, netplanGenerate } from './netplan-generate.js';
export { cidrs, libvirtFixture } from './data.js';
export { freePort, SSHD, SSHD_PREREQS, startSshd, type TestSshd, type TestSshdOptions } from './sshd.js';
export { startImageMirror, type ImageMirror, type MirrorFault, type MirrorOptions, type MirrorRequest } from './image-mirror.js';
export { bsdChecksums, createTestSigner, fileDigest, gnuChecksums, type ChecksumLine, type TestSigner } from './test-signer.js';
