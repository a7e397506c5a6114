import { ruleViolation, webhookRules } from '@hookline/contract';
import { InputError } from '@hookline/errors';

export type WebhookField = keyof typeof webhookRules;

/** `value` when it keeps the webhook rule of `field`; else the rule's InputError, naming `param`. */
export function checkRule<T>(field: WebhookField, value: T, param: string = field): T {
  const violation = ruleViolation(webhookRules[field], value);
  if (violation) throw new InputError(violation.message, { code: violation.code, param });
  return value;
}
