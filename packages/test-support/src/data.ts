// The helpers that are plain data and files, without ava: what the benchmarks (run by node, not
// by ava) may import. The index adds the test helpers, which load ava.
export { cidrs } from './cidrs.js';
export { libvirtFixture } from './libvirt-fixture.js';
export { startImageMirror, type ImageMirror, type MirrorFault, type MirrorOptions, type MirrorRequest } from './image-mirror.js';
export { bsdChecksums, createTestSigner, fileDigest, gnuChecksums, type ChecksumLine, type TestSigner } from './test-signer.js';
