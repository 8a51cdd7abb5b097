package dev.pinpipeline.infra;

import java.time.Duration;

/**
 * How server JVMs are launched.
 *
 * @param startTimeout how long to wait for a server to become healthy
 * @param fullJit      false (the default) limits the JIT to C1: less CPU and a quicker start on a busy machine
 *                     (local-infra's README); true gives the long-running throughput of C2 (benchmarks)
 * @param temporaryData whether the data dir is temporary: a server whose caller died then deletes its data
 */
record LaunchOptions(Duration startTimeout, boolean fullJit, boolean temporaryData) {}
