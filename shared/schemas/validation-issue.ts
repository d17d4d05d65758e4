import { z } from 'zod';

/** One problem with an input or a document: where (its path) and what (an encoded message key). */
export const validationIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
