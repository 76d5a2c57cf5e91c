/**
 * Corpus cases whose label we knowingly disagree with, each with its reason. The
 * conformance test fails when an entry is no longer needed, so this list can only shrink.
 * Only cases that are not valid Apache Flink SQL (or that the parser deliberately does not
 * handle) belong here; everything else is a miss to fix in the parser.
 */
export const KNOWN_EXCEPTIONS: Readonly<Record<string, string>> = {};
