import { z } from 'zod';

/**
 * Chat routes' list entries (GET /qontak/chat/v1/divisions, /users), tolerant: ids are UUID
 * strings, every other field the app reads may be missing or null here and is checked, with the
 * entry named, when the entry is mapped into the catalog (catalog-mapping.ts). Unknown fields —
 * avatars, channels' settings, anything the platform adds — are dropped.
 */
const chatId = z.string({ required_error: 'has no "id"', invalid_type_error: '"id" is not a string' }).min(1, { message: '"id" is empty' });
const optionalText = z.string().nullish().catch(null);

export const qontakDivisionUserSchema = z.object({ id: chatId, full_name: optionalText, role: optionalText, email: optionalText });

export const qontakDivisionSchema = z.object({
  id: chatId,
  name: optionalText,
  default: z.boolean().nullish().catch(null),
  users: z.array(qontakDivisionUserSchema).nullish(),
  channels: z.array(z.object({ id: chatId, target_channel: optionalText, channel_name: optionalText })).nullish(),
});
export type QontakDivision = z.infer<typeof qontakDivisionSchema>;

export const qontakUserSchema = z.object({
  id: chatId,
  full_name: optionalText,
  email: optionalText,
  role: optionalText,
  is_online: z.boolean().nullish().catch(null),
  /** The user's Mekari SSO id: what CRM routes take in X-Crm-User-Sso-Id. */
  sso_id: optionalText,
  divisions: z.array(z.object({ id: chatId, name: optionalText })).nullish(),
});
export type QontakUser = z.infer<typeof qontakUserSchema>;
