/** The Compose file sets validate checks; the discovery is shared with build and deploy. */
export { describeSet, relativeTo, resolveSets, type ComposeSet, type SetName } from '../compose/sets.js';
