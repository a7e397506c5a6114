import { ServerInterceptingCall, ServerListenerBuilder, type ServerInterceptor, type StatusObject } from '@grpc/grpc-js';
import { roleAtLeast } from '@hookline/contract';
import { AuthenticationError, PermissionError, type DomainError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import { toGrpcStatus } from '../error-mapping';
import { callerName, type Caller } from './caller';
import { callerOf } from './peer-caller';
import { ruleFor } from './policy';

/** Whether `caller` may call the method at `path` at all (before its request is read). */
export function admit(path: string, caller: Caller | undefined): DomainError | undefined {
  if (!caller) {
    return new AuthenticationError('a client certificate issued by the deployment CA is required', { code: 'unauthenticated' });
  }
  const rule = ruleFor(path);
  const allowed =
    rule !== undefined &&
    (rule.callers === 'any' || (caller.kind === 'publisher' ? rule.callers.includes('publisher') : rule.callers.includes(caller.name)));
  if (!allowed) return new PermissionError(`${callerName(caller)} may not call ${path}`, { code: 'caller_not_allowed' });
  return undefined;
}

/** Whether the request itself is acceptable from this caller: end-user context and orgs. */
export function checkRequest(path: string, caller: Caller, request: unknown): DomainError | undefined {
  const rule = ruleFor(path);
  if (!rule) return new PermissionError(`no caller may call ${path}`, { code: 'caller_not_allowed' });
  const actor = (request as { context?: { actor?: { kind?: string; role?: string } } } | null)?.context?.actor;
  const claimsEndUser = Boolean(actor?.kind);
  // Only the gateway authenticates end users; anyone else naming one is forging it.
  const isGateway = caller.kind === 'service' && caller.name === 'gateway';
  if (claimsEndUser && !isGateway) {
    return new PermissionError(`${callerName(caller)} may not act for an end user`, { code: 'caller_context_refused' });
  }
  if (rule.endUser && isGateway && (!claimsEndUser || actor?.kind === 'service')) {
    return new AuthenticationError(`${path} needs the end user's context (API key or operator)`, { code: 'end_user_required' });
  }
  // The registry's own line of defence behind the gateway's role checks.
  if (rule.endUserMay === 'operator' && claimsEndUser && actor?.kind !== 'operator') {
    return new PermissionError('this action is for the platform operator', { code: 'forbidden' });
  }
  if (rule.endUserMay && rule.endUserMay !== 'operator' && actor?.kind === 'api_key' && !roleAtLeast(actor.role ?? '', rule.endUserMay)) {
    return new PermissionError(`this action needs the ${rule.endUserMay} role`, { code: 'forbidden' });
  }
  if (caller.kind === 'publisher' && caller.orgs.length > 0 && rule.orgsOf) {
    const refused = rule.orgsOf(request).find((org) => !caller.orgs.includes(org));
    if (refused !== undefined) {
      return new PermissionError(`${callerName(caller)} may not publish for organization ${refused || '(none)'}`, {
        code: 'org_not_allowed',
        param: 'org_id',
      });
    }
  }
  return undefined;
}

/**
 * The server middleware enforcing the policy table on every call of every service the server
 * hosts: no verified certificate → UNAUTHENTICATED; a caller the table does not list →
 * PERMISSION_DENIED; both before the request is even read. Then the request: an end-user
 * context only from the gateway, required where the method acts for one; a publisher's orgs.
 * A refused call never reaches a handler.
 */
export function authorizationInterceptor(logger: Logger): ServerInterceptor {
  return (method, call) => {
    const caller = callerOf(call);
    let refused = false;
    const refuse = (error: DomainError) => {
      refused = true;
      logger.warn({ method: method.path, caller: caller ? callerName(caller) : undefined, peer: call.getPeer(), code: error.code }, 'call refused');
      call.sendStatus(toGrpcStatus(error) as StatusObject);
    };
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, nextMetadata) => {
              const denial = admit(method.path, caller);
              if (denial) refuse(denial);
              else nextMetadata(metadata);
            })
            .withOnReceiveMessage((message, nextMessage) => {
              if (refused) return;
              const denial = checkRequest(method.path, caller!, message);
              if (denial) refuse(denial);
              else nextMessage(message);
            })
            .withOnReceiveHalfClose((nextHalfClose) => {
              if (!refused) nextHalfClose();
            })
            .build(),
        ),
    });
  };
}
