import type { z } from 'zod';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';

/** zod's issues as the wire's: path and the (encoded) message key. */
export function toValidationIssues(issues: readonly z.ZodIssue[], prefix: ReadonlyArray<string | number> = []): ValidationIssue[] {
  return issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));
}

/** INVALID_INPUT with the issues, and an English sentence: "Invalid input: Choose a division." */
export function invalidInput(issues: ValidationIssue[]): RpcError {
  const shown = issues.slice(0, 3).map((issue) => renderIssueMessageEn(issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new RpcError('INVALID_INPUT', `Invalid input: ${shown.join(' ')}${more}`, issues);
}

/** Parses, or throws INVALID_INPUT naming every issue (paths under `prefix`). */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown, prefix: ReadonlyArray<string | number> = []): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(toValidationIssues(result.error.issues, prefix));
  return result.data as z.output<S>;
}
