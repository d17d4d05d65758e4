/**
 * A Qontak answer that parsed but cannot become a catalog: an entry without a name or id, a
 * stage that names a pipeline the CRM does not list, a deal form without its Owner or Source
 * field. The message names the entry; the caller keeps the cached catalog as it was.
 */
export type QontakCatalogProblem =
  | 'entry_without_name'
  | 'entry_without_id'
  | 'stage_pipeline_unknown'
  | 'stage_pipeline_mismatch'
  | 'deal_field_missing'
  | 'invalid_catalog';

export class QontakCatalogError extends Error {
  readonly problem: QontakCatalogProblem;

  constructor(problem: QontakCatalogProblem, message: string) {
    super(message);
    this.name = 'QontakCatalogError';
    this.problem = problem;
  }
}
