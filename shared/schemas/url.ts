import { z } from 'zod';
import { LIMITS } from './limits';
import { encodeIssueMessage } from '../validation/issue-message';

/**
 * An http(s) URL without credentials, bounded in length. `keyPrefix` names the field in messages
 * (`tenant.backendUrl.invalid`, ...).
 */
export function httpUrl(keyPrefix: string) {
  return z.string({ invalid_type_error: `${keyPrefix}.invalid` }).superRefine((value, ctx) => {
    if (value.length > LIMITS.urlMax) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage(`${keyPrefix}.tooLong`, { max: LIMITS.urlMax }) });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${keyPrefix}.invalid` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${keyPrefix}.protocol` });
    } else if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${keyPrefix}.credentials` });
    }
  });
}
