package dev.pinpipeline.archive.it;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps sending events at a steady pace on its own thread until stopped. */
final class LiveProducer implements AutoCloseable {

    private final TestEvents events;
    private final long pauseMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;

    LiveProducer(TestEvents events, int perSecond) {
        this.events = events;
        this.pauseMillis = Math.max(1, 1000 / perSecond);
        this.thread = new Thread(this::produce, "live-producer");
        thread.start();
    }

    private void produce() {
        while (running.get()) {
            events.send();
            sent.incrementAndGet();
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
        events.flush();
    }

    int sent() {
        return sent.get();
    }

    /** Stops sending and waits until everything sent is acknowledged; returns the number sent. */
    int stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
