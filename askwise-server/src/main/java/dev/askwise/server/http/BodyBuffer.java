package dev.askwise.server.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads each request body completely, without holding a thread, before the request reaches the servlet (whose
 * reads block a thread): a body must arrive within {@code timeout} (else 408) and be at most {@code max} bytes
 * (else 413). A client that sends its body a byte a second therefore costs a buffer and a timer, not a thread, and
 * cannot starve the others; a truncated body or broken chunking is a 400.
 */
public final class BodyBuffer extends Handler.Wrapper {

    private final Duration timeout;
    private final int max;

    public BodyBuffer(Duration timeout, int max) {
        this.timeout = timeout;
        this.max = max;
    }

    /** Largest declared body that is still read (and discarded) before answering 413. */
    static final int DRAIN = 1 << 20;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (length > DRAIN) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                "request body larger than " + max + " bytes");
            return true;
        }
        // a declared body a little over the limit is read to its end before the 413, so that a client still sending
        // it reads the answer instead of a reset connection
        int limit = length > max ? (int) length : max + 1;
        AtomicBoolean settled = new AtomicBoolean();
        Scheduler.Task timer = request.getComponents().getScheduler().schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                request.fail(new java.util.concurrent.TimeoutException("body too slow"));
                Response.writeError(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408,
                    "the request body did not arrive within " + timeout.toSeconds() + " s");
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Content.Source.asByteArrayAsync(request, limit, Promise.Invocable.from(Invocable.InvocationType.NON_BLOCKING,
            bytes -> {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                timer.cancel();
                if (bytes.length > max) {
                    Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                        "request body larger than " + max + " bytes");
                    return;
                }
                request.getComponents().getExecutor().execute(() -> {
                    try {
                        if (!getHandler().handle(new Buffered(request, bytes), response, callback)) {
                            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                        }
                    } catch (Throwable t) {
                        Response.writeError(request, response, callback, t);
                    }
                });
            },
            failure -> {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                timer.cancel();
                boolean tooLarge = failure instanceof IllegalArgumentException
                    || String.valueOf(failure.getMessage()).contains("max");
                Response.writeError(request, response, callback, tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE_413
                    : HttpStatus.BAD_REQUEST_400, tooLarge ? "request body larger than " + max + " bytes"
                    : "the request body could not be read (truncated, or broken chunked encoding)");
            }));
        return true;
    }

    /** The request with its body already read. */
    private static final class Buffered extends Request.Wrapper {
        private final byte[] body;
        private boolean read;

        Buffered(Request request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (read) {
                return Content.Chunk.EOF;
            }
            read = true;
            return Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public void fail(Throwable failure) {
            // the body is complete; nothing to fail
        }
    }
}
