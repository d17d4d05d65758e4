import { z } from 'zod';
import { agentSchema, divisionSchema } from '../schemas/catalog';

/** `GET /divisions`: the tenant's divisions, exactly the catalog's division. */
export const wireDivisionSchema = divisionSchema;

export const USER_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** `GET /users`: the catalog's agent plus the user's role; the online state is always given. */
export const wireUserSchema = agentSchema.extend({ role: z.enum(USER_ROLES), online: z.boolean() });
export type WireUser = z.infer<typeof wireUserSchema>;

/** `GET /users?role=agent` lists the agents only. */
export const usersQuerySchema = z.object({ role: z.enum(USER_ROLES).optional() });
