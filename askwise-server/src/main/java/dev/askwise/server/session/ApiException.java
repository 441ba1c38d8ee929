package dev.askwise.server.session;

/**
 * A request the service refuses, mapped in one place to a structured response
 * {@code {"error": ..., "field": ..., "value": ...}} with the given status.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient Object value;

    public ApiException(int status, String message, String field, Object value) {
        super(message);
        this.status = status;
        this.field = field;
        this.value = value;
    }

    public static ApiException badRequest(String message, String field, Object value) {
        return new ApiException(400, message, field, value);
    }

    public static ApiException notFound(String message, String field, Object value) {
        return new ApiException(404, message, field, value);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
