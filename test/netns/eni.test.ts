// The netns tier for the eni format: rendered files applied by the real stack in namespaces.
import { registerStackTests } from './stack-tests.js';

registerStackTests(['ifupdown', 'ifupdown-ng', 'busybox']);
