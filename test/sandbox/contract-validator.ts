import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Checks HTTP requests and responses against the published OpenAPI 3.1 document
 * (api/openapi.json) with a third-party JSON Schema validator (Ajv, draft 2020-12, as OpenAPI 3.1
 * uses). Paths are relative to the API base (`/users?role=agent`). Each check returns the list
 * of problems, empty when the message conforms.
 */
export const OPENAPI_DOCUMENT_PATH = fileURLToPath(new URL('../../api/openapi.json', import.meta.url));

type Json = Record<string, unknown>;
const DOC_ID = 'urn:chatbot-settings:openapi';

export interface CheckedRequest {
  method: string;
  /** Relative to the base, with the query if any. */
  path: string;
  headers: Record<string, string>;
  /** The body as sent, parsed (JSON object or form fields); undefined when none. */
  body?: unknown;
  contentType?: string;
}

export interface CheckedResponse {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body was empty. */
  body: unknown;
  contentType: string | null;
}

interface Operation {
  pointer: string;
  op: Json;
  params: Record<string, string>;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; names: string[] }[];

  constructor(readonly document: Json = JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8')) as Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOC_ID });
    this.templates = Object.keys(document.paths as Json).map((template) => {
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'));
      return { template, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** The object a local `$ref` points to, following chains of refs. */
  private resolve(value: unknown): { node: Json; pointer: string | null } {
    let node = value as Json;
    let pointer: string | null = null;
    while (node && typeof node.$ref === 'string') {
      pointer = (node.$ref as string).slice(1);
      node = pointer
        .split('/')
        .slice(1)
        .reduce<Json>((at, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, this.document);
    }
    return { node, pointer };
  }

  private validator(pointer: string): ValidateFunction {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn;
  }

  private validate(pointer: string, value: unknown, what: string): string[] {
    const fn = this.validator(pointer);
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  private operation(method: string, path: string): Operation | string {
    const pathOnly = path.split('?')[0]!;
    for (const { template, pattern, names } of this.templates) {
      const match = pattern.exec(pathOnly);
      if (!match) continue;
      const op = (this.document.paths as Record<string, Json>)[template]![method.toLowerCase()] as Json | undefined;
      if (!op) return `${method} ${template} is not in the document`;
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
      return { pointer: `/paths/${escapePointer(template)}/${method.toLowerCase()}`, op, params };
    }
    return `no path of the document matches ${pathOnly}`;
  }

  checkRequest(request: CheckedRequest): string[] {
    const found = this.operation(request.method, request.path);
    if (typeof found === 'string') return [found];
    const where = `${request.method} ${request.path}`;
    const problems: string[] = [];
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const query = new URLSearchParams(request.path.split('?')[1] ?? '');
    const parameters = (found.op.parameters as Json[] | undefined) ?? [];
    parameters.forEach((raw, index) => {
      const { node: param, pointer } = this.resolve(raw);
      const name = param.name as string;
      const value = param.in === 'header' ? headers[name.toLowerCase()] : param.in === 'query' ? (query.get(name) ?? undefined) : param.in === 'path' ? found.params[name] : undefined;
      if (value === undefined) {
        if (param.required) problems.push(`${where}: ${param.in} parameter ${name} is required`);
        return;
      }
      const schemaPointer = `${pointer ?? `${found.pointer}/parameters/${index}`}/schema`;
      problems.push(...this.validate(schemaPointer, value, `${where}: ${param.in} ${name}`));
    });
    const security = (found.op.security as Json[] | undefined) ?? [];
    if (security.length > 0 && !/^Bearer \S+$/.test(headers.authorization ?? '')) problems.push(`${where}: needs Authorization: Bearer`);
    const body = found.op.requestBody as Json | undefined;
    if (body) {
      if (request.body === undefined) {
        if (body.required) problems.push(`${where}: a body is required`);
      } else {
        const type = (request.contentType ?? headers['content-type'] ?? '').split(';')[0]!.trim();
        const content = body.content as Record<string, Json>;
        if (!content[type]) problems.push(`${where}: content type ${type || '(none)'} is not one of ${Object.keys(content).join(', ')}`);
        else problems.push(...this.validate(`${found.pointer}/requestBody/content/${escapePointer(type)}/schema`, request.body, `${where}: body`));
      }
    } else if (request.body !== undefined) problems.push(`${where}: takes no body`);
    return problems;
  }

  checkResponse(response: CheckedResponse): string[] {
    const found = this.operation(response.method, response.path);
    if (typeof found === 'string') return [found];
    const where = `${response.method} ${response.path} → ${response.status}`;
    const responses = found.op.responses as Json;
    const declared = responses[String(response.status)] ?? responses.default;
    if (!declared) return [`${where}: status ${response.status} is not documented`];
    const { node, pointer } = this.resolve(declared);
    const base = pointer ?? `${found.pointer}/responses/${response.status}`;
    const problems: string[] = [];
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, rawHeader] of Object.entries((node.headers as Json | undefined) ?? {})) {
      const { node: headerSpec, pointer: headerPointer } = this.resolve(rawHeader);
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (headerSpec.required) problems.push(`${where}: header ${name} is required`);
        continue;
      }
      const schemaPointer = `${headerPointer ?? `${base}/headers/${escapePointer(name)}`}/schema`;
      const typed = (headerSpec.schema as Json | undefined)?.type === 'integer' && /^\d+$/.test(value) ? Number(value) : value;
      problems.push(...this.validate(schemaPointer, typed, `${where}: header ${name}`));
    }
    const content = node.content as Record<string, Json> | undefined;
    if (!content) {
      if (response.body !== undefined) problems.push(`${where}: should have no body`);
      return problems;
    }
    const type = (response.contentType ?? '').split(';')[0]!.trim();
    if (!content[type]) return [...problems, `${where}: content type ${type || '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    return [...problems, ...this.validate(`${base}/content/${escapePointer(type)}/schema`, response.body, `${where}: body`)];
  }
}
