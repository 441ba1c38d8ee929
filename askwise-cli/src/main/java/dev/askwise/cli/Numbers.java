package dev.askwise.cli;

import java.util.Locale;

/** Number formatting for everything the command line prints: {@code Locale.ROOT}, and never a negative zero. */
final class Numbers {

    private Numbers() {
    }

    /**
     * {@code v} with a fixed number of decimals; a value that rounds to zero prints as {@code 0.000…}, never
     * {@code -0.000…}; NaN prints as {@code -}.
     */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return noNegativeZero(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /** Like {@link #fixed} with an explicit sign ({@code +0.000…} for values that round to zero). */
    static String signed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String s = noNegativeZero(String.format(Locale.ROOT, "%." + decimals + "f", v));
        return s.startsWith("-") ? s : "+" + s;
    }

    /** Removes the sign of a formatted number whose digits are all zero ("-0.00" → "0.00"). */
    static String noNegativeZero(String formatted) {
        if (formatted.startsWith("-") && formatted.chars().noneMatch(ch -> ch >= '1' && ch <= '9')) {
            return formatted.substring(1);
        }
        return formatted;
    }
}
