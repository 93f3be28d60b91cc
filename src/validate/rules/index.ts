import type { RuleId } from './catalog.js';
import type { RuleCheck } from './context.js';
import { checkEnvDeclared, checkNoSecretLiterals } from './env.js';
import { checkImageImmutable, checkImagePinned } from './images.js';
import { checkHealthcheck, checkOneshotMarked, checkRestartPolicy } from './lifecycle.js';
import { checkNoBuild, checkNoDockerSocket, checkNoSourceMount } from './mounts.js';
import { checkPortsProxyOnly, checkRollingConflict } from './ports.js';
import { checkProxyRetries } from './proxy.js';
import { checkDbTrustAuth } from './database.js';
import { checkProxyMaintenance } from './maintenance.js';

/** Each rule's check. env-declared applies to every set; the others are production policy. */
export const CHECKS: Record<RuleId, { check: RuleCheck; sets: readonly ('dev' | 'prod')[] }> = {
  'image-immutable': { check: checkImageImmutable, sets: ['prod'] },
  'image-pinned': { check: checkImagePinned, sets: ['prod'] },
  'no-build': { check: checkNoBuild, sets: ['prod'] },
  'no-source-mount': { check: checkNoSourceMount, sets: ['prod'] },
  'no-docker-socket': { check: checkNoDockerSocket, sets: ['prod'] },
  healthcheck: { check: checkHealthcheck, sets: ['prod'] },
  'oneshot-marked': { check: checkOneshotMarked, sets: ['prod'] },
  'restart-policy': { check: checkRestartPolicy, sets: ['prod'] },
  'ports-proxy-only': { check: checkPortsProxyOnly, sets: ['prod'] },
  'rolling-conflict': { check: checkRollingConflict, sets: ['prod'] },
  'no-secret-literals': { check: checkNoSecretLiterals, sets: ['prod'] },
  'proxy-retries': { check: checkProxyRetries, sets: ['prod'] },
  'proxy-maintenance': { check: checkProxyMaintenance, sets: ['prod'] },
  'db-trust-auth': { check: checkDbTrustAuth, sets: ['prod'] },
  'env-declared': { check: checkEnvDeclared, sets: ['dev', 'prod'] },
};
