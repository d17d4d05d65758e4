import { usersQuerySchema } from '../../../shared/wire/directory';
import { success } from '../../../shared/wire/envelope';
import { jsonAnswer } from '../http/respond';
import { WireHttpError } from '../http/wire-http-error';
import { listAnswer, type AuthedHandler, type PublicHandler } from './context';

export const health: PublicHandler = () => jsonAnswer(200, success({ ok: true }));

export const listDivisions: AuthedHandler = (ctx) => listAnswer(ctx.stores.catalog.list(ctx.tenant.id, 'divisions'));

/** GET /users?role=agent */
export const listUsers: AuthedHandler = (ctx) => {
  const query = usersQuerySchema.safeParse(Object.fromEntries(ctx.query));
  if (!query.success) {
    const issues = query.error.issues.map((issue) => ({ path: ['query', ...issue.path], message: issue.message }));
    throw new WireHttpError('invalid_request', 'The query is not valid: role must be agent, supervisor or admin.', { issues });
  }
  const role = query.data.role;
  const users = ctx.stores.catalog.list(ctx.tenant.id, 'users');
  return listAnswer(role ? users.filter((user) => user.role === role) : users);
};
