// The netns tier for the netplan format: rendered files applied by the real stack in namespaces.
import { registerStackTests } from './stack-tests.js';

registerStackTests(['netplan-networkd', 'netplan-nm']);
