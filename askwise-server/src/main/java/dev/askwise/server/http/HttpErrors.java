package dev.askwise.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askwise.server.session.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one shape of every error the server sends, {@code {"error", "field", "value"}}, and the translations into it:
 * Jackson's parse errors (line and column, no library internals) and Jetty's own errors (bad request lines and
 * percent-encoding, 414, 431, 417, 505, 408 for a body slower than the minimum data rate), which Jetty would otherwise
 * render as HTML before the request reaches a route.
 */
public final class HttpErrors {

    private static final Pattern INTERNALS = Pattern.compile("`[^`]*`");

    private HttpErrors() {
    }

    /** The error body. */
    public static String body(String message, String field, Object value) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("error", message);
        if (field == null) {
            out.putNull("field");
        } else {
            out.put("field", field);
        }
        out.set("value", Json.MAPPER.valueToTree(value));
        return out.toString();
    }

    /** A Jackson read error as a 400 a client can act on: where, and what, without the library's vocabulary. */
    public static ApiException badJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
            + at.getColumnNr();
        String what;
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (original.contains("nesting depth")) {
                what = "nested deeper than " + Json.MAX_DEPTH + " levels";
            } else if (original.contains("Number value length")) {
                what = "a number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
            } else {
                what = "a value larger than the limits";
            }
        } else if (original.startsWith("Trailing token")) {
            what = "more content after the JSON value";
        } else if (original.startsWith("Duplicate field")) {
            what = original.replaceFirst("Duplicate field '([^']*)'.*", "field '$1' given twice");
        } else {
            what = original.lines().findFirst().orElse("");
            for (String cut : new String[] {" (start marker", " (for ", " [Source", "; line:"}) {
                int i = what.indexOf(cut);
                if (i >= 0) {
                    what = what.substring(0, i);
                }
            }
            what = INTERNALS.matcher(what).replaceAll("").replaceAll("\\s+", " ").strip();
        }
        return ApiException.badRequest("malformed JSON" + where + (what.isEmpty() ? "" : ": " + what), null, null);
    }

    /** Jetty's server-level error handler (errors before any route: bad request lines, 414, 431, 417, 505). */
    public static final class JettyErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int code = response.getStatus() <= 0 ? 500 : response.getStatus();
            Object status = request.getAttribute(ERROR_STATUS);
            if (status instanceof Integer i) {
                code = i;
            }
            Object message = request.getAttribute(ERROR_MESSAGE);
            if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
                // a request line we cannot parse is the client's error: a 4xx like every other bad input
                code = HttpStatus.BAD_REQUEST_400;
                response.setStatus(code);
                message = "unsupported HTTP version (use HTTP/1.1)";
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(JsonErrorHandler.text(code, message == null ? null
                : message.toString()), null, null).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** The servlet context's error handler, so errors raised inside the servlet are JSON too. */
    public static final class JsonErrorHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(text(code, message), null, null)
                .getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        static String text(int code, String message) {
            String reason = HttpStatus.getMessage(code);
            if (message == null || message.isBlank() || message.equals(reason)) {
                return reason;
            }
            // Jetty's messages are short protocol descriptions; keep them, never an exception's class or trace
            String m = message.lines().findFirst().orElse("").replaceAll("[a-z]+(\\.[a-zA-Z_$]+){2,}", "").strip();
            return m.isEmpty() ? reason : reason + ": " + m;
        }
    }
}
