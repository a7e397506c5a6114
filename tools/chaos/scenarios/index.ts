// The chaos scenarios (issue table of DESIGN §7 `npm run chaos`): each injects its faults while
// the steady load runs; the runner then counts every acknowledged event at the receiver.
import type { Scenario } from '../scenario';
import { brokerStallKeyed } from './broker-stall-keyed';
import { dispatcherKill } from './dispatcher-kill';
import { dispatcherSigterm } from './dispatcher-sigterm';
import { endpointDown } from './endpoint-down';
import { kafkaStop } from './kafka-stop';
import { postgresKill } from './postgres-kill';
import { registryDown } from './registry-down';
import { rollingRestart } from './rolling-restart';
import { killRegistryAuditGateway } from './service-kills';
import { twoDispatchers } from './two-dispatchers';

export const SCENARIOS: Scenario[] = [dispatcherKill, dispatcherSigterm, twoDispatchers, kafkaStop, brokerStallKeyed, postgresKill, killRegistryAuditGateway, registryDown, rollingRestart, endpointDown];
