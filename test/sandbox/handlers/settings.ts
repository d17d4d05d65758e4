import { aiResponseReferences, aiResponseSchema, type AiResponse } from '../../../shared/schemas/ai-response';
import { idleActionReferences, idleActionSchema, type IdleAction } from '../../../shared/schemas/idle-action';
import { referenceIssues, type ReferenceExtractor } from '../../../shared/validation/catalog-references';
import type { z } from 'zod';
import type { SingletonKind } from '../store/document-store';
import { checkVersion, invalid, parseBody, resourceAnswer, singletonResource, type AuthedContext, type AuthedHandler } from './context';

/** The AI response and the idle action: one per tenant, read and replaced whole. */
function getSingleton(kind: SingletonKind): AuthedHandler {
  return (ctx) => resourceAnswer(200, singletonResource(ctx.stores.documents.getSingleton(ctx.tenant.id, kind)));
}

function putSingleton<T>(kind: SingletonKind, schema: z.ZodType<T, z.ZodTypeDef, unknown>, references: ReferenceExtractor<T>): AuthedHandler {
  return (ctx: AuthedContext) => {
    const current = ctx.stores.documents.getSingleton<T>(ctx.tenant.id, kind);
    checkVersion(ctx, current.version);
    const value = parseBody(schema, ctx.body);
    // The backend checks references against its own catalog, as the app does against its cache.
    const issues = referenceIssues(value, references, ctx.stores.catalog.directoryView(ctx.tenant.id));
    if (issues.length > 0) throw invalid(issues);
    const updated = ctx.stores.documents.update(ctx.tenant.id, kind, kind, value);
    return resourceAnswer(200, singletonResource(updated ?? current));
  };
}

export const getAiResponse = getSingleton('ai_response');
export const putAiResponse = putSingleton<AiResponse>('ai_response', aiResponseSchema, aiResponseReferences);
export const getIdleAction = getSingleton('idle_action');
export const putIdleAction = putSingleton<IdleAction>('idle_action', idleActionSchema, idleActionReferences);
