/** The shape every locale must have: the same keys as the English one, strings at the leaves. */
export type LocaleMessages<T> = { [K in keyof T]: T[K] extends string ? string : LocaleMessages<T[K]> };
