import type Database from 'better-sqlite3';

/** One step of the schema. Steps run in order, each in its own transaction with user_version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
