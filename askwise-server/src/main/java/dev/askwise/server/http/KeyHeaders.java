package dev.askwise.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Makes whitespace after an API key visible to the server. HTTP says whitespace around a field value is not part of
 * it (RFC 9110 §5.5), so Jetty's parser strips it and no {@code HttpCompliance} mode keeps it; a key sent as
 * {@code "aw_… "} would reach the routes as the valid key. This connection factory scans the raw bytes of each
 * request's header block as the parser receives them, and when an {@code Authorization} or {@code X-API-Key} line
 * ends in a space or tab it adds the header {@value #MARK} to the request, which the key check refuses (401). A
 * client cannot set {@value #MARK} itself: the header is dropped when a client sends it. HTTP/1.x only (the server
 * speaks nothing else).
 */
public final class KeyHeaders extends HttpConnectionFactory {

    /** Added to a request whose key header had whitespace after the key. */
    public static final String MARK = "X-Askwise-Key-Whitespace";

    /** A factory over the configuration (as {@link HttpConnectionFactory}). */
    public KeyHeaders(HttpConfiguration config) {
        super(config);
    }

    // the buffer settings are copied as Jetty 12.1's own HttpConnectionFactory.newConnection copies them; their
    // setters are marked for removal without a replacement on HttpConnection yet
    @SuppressWarnings("removal")
    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        ScanningConnection connection = new ScanningConnection(getHttpConfiguration(), connector, endPoint);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    /** Jetty's connection with a scanning parser and a request handler that adds the mark. */
    private static final class ScanningConnection extends HttpConnection {
        // set from the superclass constructor (newRequestHandler and newHttpParser run inside it): no initialiser
        private Scanner scanner;
        private HttpConnection.RequestHandler handler;

        ScanningConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        private Scanner scanner() {
            if (scanner == null) {
                scanner = new Scanner();
            }
            return scanner;
        }

        @Override
        protected HttpConnection.RequestHandler newRequestHandler() {
            Scanner s = scanner();
            handler = new HttpConnection.RequestHandler() {
                @Override
                public void parsedHeader(HttpField field) {
                    if (!MARK.equalsIgnoreCase(field.getName())) {
                        super.parsedHeader(field);
                    }
                }

                @Override
                public boolean headerComplete() {
                    if (s.flagged) {
                        super.parsedHeader(new HttpField(MARK, "1"));
                    }
                    return super.headerComplete();
                }
            };
            return handler;
        }

        @Override
        protected HttpParser newHttpParser(HttpCompliance compliance) {
            HttpParser parser = new ScanningParser(handler, getHttpConfiguration().getRequestHeaderSize(), compliance,
                scanner());
            parser.setHeaderCacheSize(getHttpConfiguration().getHeaderCacheSize());
            parser.setHeaderCacheCaseSensitive(getHttpConfiguration().isHeaderCacheCaseSensitive());
            return parser;
        }
    }

    /** Jetty's parser, with the raw bytes of each header block shown to the scanner before it parses them. */
    private static final class ScanningParser extends HttpParser {
        private final Scanner scanner;

        ScanningParser(HttpParser.RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance,
                       Scanner scanner) {
            super(handler, maxHeaderBytes, compliance);
            this.scanner = scanner;
        }

        @Override
        public boolean parseNext(ByteBuffer buffer) {
            scanner.scan(buffer);
            try {
                return super.parseNext(buffer);
            } finally {
                scanner.consumed(buffer);
            }
        }

        @Override
        public void reset() {
            super.reset();
            scanner.reset();
        }
    }

    /**
     * A byte-at-a-time reader of one request's header block (request line, fields, blank line), kept across the
     * parser's calls: the bytes at the buffer's position that it has already read and the parser has not yet consumed
     * are skipped the next time. Stops at the end of the header block until the parser is reset for the next request.
     */
    static final class Scanner {
        private static final int REQUEST_LINE = 0;
        private static final int LINE_START = 1;
        private static final int NAME = 2;
        private static final int VALUE = 3;
        private static final int DONE = 4;
        private static final int MAX_NAME = 16;

        private int state = REQUEST_LINE;
        private final StringBuilder name = new StringBuilder(MAX_NAME);
        private int last;
        private int pending;
        private int scannedTo = -1;
        boolean flagged;

        void reset() {
            state = REQUEST_LINE;
            flagged = false;
            pending = 0;
            scannedTo = -1;
        }

        void scan(ByteBuffer buffer) {
            scannedTo = -1;
            if (state == DONE) {
                return;
            }
            int i = buffer.position() + pending;
            for (; i < buffer.limit() && state != DONE; i++) {
                step(buffer.get(i) & 0xff);
            }
            scannedTo = i;
        }

        void consumed(ByteBuffer buffer) {
            pending = scannedTo < 0 ? 0 : Math.max(0, scannedTo - buffer.position());
        }

        void step(int b) {
            switch (state) {
                case REQUEST_LINE -> {
                    if (b == '\n') {
                        state = LINE_START;
                    }
                }
                case LINE_START -> {
                    if (b == '\n') {
                        state = DONE; // the blank line: the header block ends
                    } else if (b != '\r') {
                        name.setLength(0);
                        name.append((char) Character.toLowerCase(b));
                        state = NAME;
                    }
                }
                case NAME -> {
                    if (b == ':') {
                        state = VALUE;
                        last = ':';
                    } else if (b == '\n') {
                        state = LINE_START;
                    } else if (name.length() < MAX_NAME) {
                        name.append((char) Character.toLowerCase(b));
                    }
                }
                case VALUE -> {
                    if (b == '\n') {
                        String n = name.toString();
                        if ((last == ' ' || last == '\t') && (n.equals("authorization") || n.equals("x-api-key"))) {
                            flagged = true;
                        }
                        state = LINE_START;
                    } else if (b != '\r') {
                        last = b;
                    }
                }
                default -> {
                }
            }
        }
    }
}
