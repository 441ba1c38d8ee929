package dev.askwise.dialogue;

/**
 * One problem in a domain file.
 *
 * @param location where: a JSON path such as {@code $.attributes[2].values[0].description}, or {@code line L,
 *                 column C} for a syntax error
 * @param message  what is wrong, naming the bad value and what is allowed
 */
public record DomainProblem(String location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
