package io.ovpo.schemas;

/** Validators built once for the whole test run; building one is the slow part. */
final class Validators {
  static final SchemaValidator CLASSPATH = SchemaValidator.fromClasspath();
  static final SchemaValidator FILE_SYSTEM = SchemaValidator.fromDirectory(Examples.schemaDir());

  private Validators() {}
}
