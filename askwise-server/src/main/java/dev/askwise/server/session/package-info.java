/**
 * Sessions over a domain: typed requests and their validation ({@link dev.askwise.server.session.Requests}), the
 * typed state and its versioned codec ({@link dev.askwise.server.session.SessionState},
 * {@link dev.askwise.server.session.SessionStateCodec}), the rules that apply an answer
 * ({@link dev.askwise.server.session.SessionRules}), the wording of steps ({@link dev.askwise.server.session.Wording})
 * and the service that loads, decides and stores ({@link dev.askwise.server.session.SessionService}).
 */
package dev.askwise.server.session;
