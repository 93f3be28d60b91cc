import type { RuleId } from '../../config/rule-catalog.js';
import type { RuleCheck } from './context.js';
import { checkEnvDeclared, checkNoSecretLiterals } from './env.js';
import { checkImageImmutable, checkImagePinned } from './images.js';
import { checkHealthcheck, checkOneshotMarked, checkRestartPolicy } from './lifecycle.js';
import { checkNoBuild, checkNoDockerSocket, checkNoSourceMount } from './mounts.js';
import { checkPortsProxyOnly, checkRollingConflict } from './ports.js';
import { checkProxyRetries } from './proxy.js';
import { checkDbTrustAuth } from './database.js';
import { checkProxyMaintenance } from './maintenance.js';
import { checkSwarmDbPlacement, checkSwarmHostMount, checkSwarmIgnoredKey, checkSwarmIngressPort, checkSwarmUpdateConfig } from './swarm.js';
import type { DeployTarget } from '../../config/deploy-target.js';

const BOTH: readonly DeployTarget[] = ['compose', 'swarm'];
const COMPOSE: readonly DeployTarget[] = ['compose'];
const SWARM: readonly DeployTarget[] = ['swarm'];

/**
 * Each rule's check, the sets and the targets it applies to. env-declared applies to every set; the others are
 * production policy. restart-policy and rolling-conflict judge what Compose does (Swarm restarts every task
 * by default and rolls by update_config); the swarm- rules judge what docker stack deploy does.
 */
export const CHECKS: Record<RuleId, { check: RuleCheck; sets: readonly ('dev' | 'prod')[]; targets: readonly DeployTarget[] }> = {
  'image-immutable': { check: checkImageImmutable, sets: ['prod'], targets: BOTH },
  'image-pinned': { check: checkImagePinned, sets: ['prod'], targets: BOTH },
  'no-build': { check: checkNoBuild, sets: ['prod'], targets: BOTH },
  'no-source-mount': { check: checkNoSourceMount, sets: ['prod'], targets: BOTH },
  'no-docker-socket': { check: checkNoDockerSocket, sets: ['prod'], targets: BOTH },
  healthcheck: { check: checkHealthcheck, sets: ['prod'], targets: BOTH },
  'oneshot-marked': { check: checkOneshotMarked, sets: ['prod'], targets: BOTH },
  'restart-policy': { check: checkRestartPolicy, sets: ['prod'], targets: COMPOSE },
  'ports-proxy-only': { check: checkPortsProxyOnly, sets: ['prod'], targets: BOTH },
  'rolling-conflict': { check: checkRollingConflict, sets: ['prod'], targets: COMPOSE },
  'no-secret-literals': { check: checkNoSecretLiterals, sets: ['prod'], targets: BOTH },
  'proxy-retries': { check: checkProxyRetries, sets: ['prod'], targets: BOTH },
  'proxy-maintenance': { check: checkProxyMaintenance, sets: ['prod'], targets: BOTH },
  'db-trust-auth': { check: checkDbTrustAuth, sets: ['prod'], targets: BOTH },
  'env-declared': { check: checkEnvDeclared, sets: ['dev', 'prod'], targets: BOTH },
  'swarm-ignored-key': { check: checkSwarmIgnoredKey, sets: ['prod'], targets: SWARM },
  'swarm-host-mount': { check: checkSwarmHostMount, sets: ['prod'], targets: SWARM },
  'swarm-db-placement': { check: checkSwarmDbPlacement, sets: ['prod'], targets: SWARM },
  'swarm-ingress-port': { check: checkSwarmIngressPort, sets: ['prod'], targets: SWARM },
  'swarm-update-config': { check: checkSwarmUpdateConfig, sets: ['prod'], targets: SWARM },
};
