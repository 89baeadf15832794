// The helpers that are plain data and files, without ava: what the benchmarks (run by node, not
// by ava) may import. The index adds the test helpers, which load ava.
export { cidrs } from './cidrs.js';
export { libvirtFixture } from './libvirt-fixture.js';
