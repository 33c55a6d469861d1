/** Benchmarks of the ingest path: JMH (validate and enqueue) and an HTTP load harness. */
package io.ovpo.bench;
