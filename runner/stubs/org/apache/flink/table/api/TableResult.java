package org.apache.flink.table.api;

/** Compile-time stand-in: only named as the return type of TableEnvironment.executeSql. */
public interface TableResult {}
