import { z } from 'zod';

/**
 * The two answer envelopes of Mekari's Qontak API and their error forms, parsed tolerantly:
 * what the app uses is required, everything else is ignored (never `.strict()` here: the
 * platform adds fields without notice).
 *
 *   chat routes  {"status":"success","data":…,"meta":{"pagination":{…}}}
 *   CRM routes   {"meta":{status,type,error_code,info,developer_message,message,timestamp,log_id},"response":…}
 *   chat errors  {"status":"error","error":{"code":<number>,"messages":[…]}}
 *   gateway 401  {"message":"Unauthorized"}
 *   CRM errors   meta.error_code / meta.developer_message / meta.message
 */

const optionalCount = z.number().int().nonnegative().nullish();

export const qontakPaginationSchema = z.object({
  cursor: z.object({ next: z.string().nullish(), prev: z.string().nullish() }).passthrough().nullish(),
  /** The page asked for: 1 is the first page (`target_offset` then says 0 items were skipped). */
  offset: optionalCount,
  limit: optionalCount,
  total: optionalCount,
  target_offset: optionalCount,
});
export type QontakPagination = z.infer<typeof qontakPaginationSchema>;

/** A chat route's success envelope around a list of `item`. */
export function qontakChatListSchema<S extends z.ZodTypeAny>(item: S) {
  return z.object({
    status: z.literal('success', { errorMap: () => ({ message: 'the answer\'s "status" is not "success"' }) }),
    data: z.array(item, { required_error: 'the answer has no "data" list', invalid_type_error: '"data" is not a list' }),
    meta: z.object({ pagination: qontakPaginationSchema.nullish() }).passthrough().nullish(),
  });
}

export const qontakCrmMetaSchema = z
  .object({
    status: z.number().int().nullish(),
    type: z.string().nullish(),
    error_code: z.union([z.string(), z.number()]).nullish(),
    developer_message: z.string().nullish(),
    message: z.string().nullish(),
    log_id: z.string().nullish(),
  })
  .passthrough();
export type QontakCrmMeta = z.infer<typeof qontakCrmMetaSchema>;

/** A CRM route's envelope around `response`. */
export function qontakCrmSchema<S extends z.ZodTypeAny>(response: S) {
  return z.object({
    meta: qontakCrmMetaSchema.nullish(),
    response,
  });
}

export const qontakChatErrorSchema = z.object({
  status: z.literal('error'),
  error: z
    .object({
      code: z.union([z.number(), z.string()]).nullish(),
      messages: z.array(z.unknown()).nullish(),
      message: z.string().nullish(),
    })
    .passthrough(),
});

export const qontakGatewayErrorSchema = z.object({ message: z.string() });

export const qontakCrmErrorSchema = z.object({ meta: qontakCrmMetaSchema });

/** What an error body says, in a form the app can show: never more than a short sentence. */
export interface QontakErrorSummary {
  form: 'chat' | 'crm' | 'gateway';
  code: string | null;
  message: string;
}

const MAX_MESSAGE = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

function messageText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const nested = (value as { message?: unknown }).message;
    if (typeof nested === 'string') return nested;
  }
  return null;
}

/** Reads any of the three error forms; null when the body is none of them. */
export function summarizeQontakError(body: unknown): QontakErrorSummary | null {
  const chat = qontakChatErrorSchema.safeParse(body);
  if (chat.success) {
    const texts = (chat.data.error.messages ?? []).map(messageText).filter((t): t is string => t !== null);
    const message = texts.length > 0 ? texts.join('; ') : (chat.data.error.message ?? 'no reason given');
    const code = chat.data.error.code;
    return { form: 'chat', code: code === null || code === undefined ? null : String(code), message: clip(message) };
  }
  const crm = qontakCrmErrorSchema.safeParse(body);
  if (crm.success && (crm.data.meta.error_code != null || crm.data.meta.developer_message || crm.data.meta.message)) {
    const meta = crm.data.meta;
    const message = [meta.message, meta.developer_message].filter((t, i, all): t is string => !!t && all.indexOf(t) === i).join(' — ');
    return { form: 'crm', code: meta.error_code == null ? null : String(meta.error_code), message: clip(message || 'no reason given') };
  }
  const gateway = qontakGatewayErrorSchema.safeParse(body);
  if (gateway.success) return { form: 'gateway', code: null, message: clip(gateway.data.message) };
  return null;
}
