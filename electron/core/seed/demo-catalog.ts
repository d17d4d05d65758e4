import type { CatalogSnapshot } from '../../../shared/schemas/catalog';

/**
 * A realistic catalog for demos, tests and the bench: an Indonesian retailer's divisions and
 * agents (email addresses on the reserved .example domain).
 */
export const DEMO_DIVISIONS = {
  sales: { id: 'div-sales', name: 'Sales' },
  support: { id: 'div-support', name: 'Customer Support' },
  billing: { id: 'div-billing', name: 'Billing' },
  onboarding: { id: 'div-onboarding', name: 'Onboarding' },
} as const;

export const DEMO_CATALOG: CatalogSnapshot = {
  divisions: Object.values(DEMO_DIVISIONS).map((division) => ({ ...division })),
  agents: [
    { id: 'agt-budi', name: 'Budi Santoso', email: 'budi.santoso@tokomaju.example', divisionIds: ['div-sales'], online: true },
    { id: 'agt-siti', name: 'Siti Rahayu', email: 'siti.rahayu@tokomaju.example', divisionIds: ['div-support'], online: true },
    { id: 'agt-agus', name: 'Agus Wijaya', email: 'agus.wijaya@tokomaju.example', divisionIds: ['div-billing'], online: false },
    { id: 'agt-dewi', name: 'Dewi Lestari', email: 'dewi.lestari@tokomaju.example', divisionIds: ['div-support', 'div-onboarding'], online: true },
    { id: 'agt-rizky', name: 'Rizky Pratama', email: 'rizky.pratama@tokomaju.example', divisionIds: ['div-sales'], online: false },
    { id: 'agt-putri', name: 'Putri Anggraini', email: 'putri.anggraini@tokomaju.example', divisionIds: ['div-billing', 'div-support'], online: true },
    { id: 'agt-andi', name: 'Andi Saputra', email: 'andi.saputra@tokomaju.example', divisionIds: ['div-onboarding'], online: true },
    { id: 'agt-nur', name: 'Nur Aisyah', email: 'nur.aisyah@tokomaju.example', divisionIds: ['div-sales', 'div-support'], online: false },
  ],
};

/** A fresh copy, so that a caller may change it (e.g. drop an agent to simulate a removal). */
export function demoCatalog(): CatalogSnapshot {
  return structuredClone(DEMO_CATALOG);
}
