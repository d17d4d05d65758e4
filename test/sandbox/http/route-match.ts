import { WIRE_ROUTES, WIRE_ROUTE_KEYS, type WireMethod, type WireRouteKey } from '../../../shared/wire/routes';

/** Finds the contract route for a method and a path relative to the base path. */
export type RouteMatch =
  | { kind: 'route'; key: WireRouteKey; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: WireMethod[] }
  | { kind: 'none' };

interface Compiled {
  key: WireRouteKey;
  method: WireMethod;
  pattern: RegExp;
  names: string[];
}

const COMPILED: Compiled[] = WIRE_ROUTE_KEYS.map((key) => {
  const route = WIRE_ROUTES[key];
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { key, method: route.method, pattern: new RegExp(`^${source}$`), names };
});

export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: WireMethod[] = [];
  for (const route of COMPILED) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1]!);
      });
    } catch {
      return { kind: 'none' }; // a malformed %-escape names nothing
    }
    return { kind: 'route', key: route.key, params };
  }
  return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
}
