package dev.pinpipeline.infra;

import java.time.Duration;

/**
 * How server JVMs are launched.
 *
 * @param startTimeout how long to wait for a server to become healthy
 * @param fullJit      false (the default) limits the JIT to C1: about a third less CPU and half the time to
 *                     start on a busy 2-core machine; true gives the long-running throughput of C2 (benchmarks)
 * @param temporaryData whether the data dir is temporary: a server whose caller died then deletes its data
 */
record LaunchOptions(Duration startTimeout, boolean fullJit, boolean temporaryData) {
}
