// The netns tier for the networkd format: rendered files applied by the real stack in namespaces.
import { registerStackTests } from './stack-tests.js';

registerStackTests(['networkd']);
