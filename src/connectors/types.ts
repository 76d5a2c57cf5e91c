/** The jar that provides a connector or format, as a Maven coordinate without version. */
export interface MavenProvider {
  groupId: string;
  /**
   * Accepted artifact ids, the SQL "fat" jar first (the one to suggest). A dependency matches
   * when its artifact id equals one of these or extends it with a version-ish suffix
   * (`iceberg-flink-runtime-1.20`, `flink-sql-connector-hive-3.1.3_2.12`).
   */
  artifactIds: readonly string[];
  /** Version to show in a hint, with `<flink>` standing for the job's Flink version. */
  exampleVersion?: string;
}

/** A slot of a connector that names a format: `format`, `key.format`, `value.format`. */
export type FormatSlot = 'format' | 'key.format' | 'value.format';
