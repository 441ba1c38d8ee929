package dev.askwise.cli;

/**
 * Ctrl-C during a long run: the shutdown hook interrupts the working thread and waits (up to 30 s) for it to write
 * what it has, so an interrupted run still leaves a report marked incomplete.
 */
final class Interruption implements AutoCloseable {

    private final Thread hook;
    private volatile boolean finished;

    private Interruption(Thread worker) {
        this.hook = new Thread(() -> {
            if (!finished) {
                worker.interrupt();
                try {
                    worker.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "askwise-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Interruption install() {
        return new Interruption(Thread.currentThread());
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and will see finished = true
        }
    }
}
